package com.membercard.console;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Envelope;
import com.membercard.shared.InvalidFieldException;
import com.membercard.shared.PaymentType;
import com.membercard.shared.web.ErrorEnvelopes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Runs a form's command the way the API runs a request: the module's own request record checked
 * by its own constraints first, then the module's service. What the API would answer as an error
 * becomes the page's: a message beside the field it names ({@code fieldErrors}), or one for the
 * whole form ({@code formError}, with its business code), in the language of the page.
 */
@Component
class ConsoleForms {

    /** Checked by the validator like a request without constraints: nothing to find. */
    private static final Object NOTHING = new Object();

    private final Validator validator;
    private final ErrorEnvelopes errors;

    ConsoleForms(Validator validator, ErrorEnvelopes errors) {
        this.validator = validator;
        this.errors = errors;
    }

    /**
     * Builds the module's request (a field that does not parse is an {@link InvalidFieldException}
     * naming it), checks it by its own constraints, then runs the command on it.
     *
     * @return the command's result, or null when it was refused (the model then says why); an
     *     envelope that is not a success (801: this form was sent before) counts as refused
     */
    <R, T> T submit(Model model, Supplier<R> request, Function<R, T> command) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        try {
            R built = request.get();
            Set<ConstraintViolation<Object>> violations = validator.validate(built);
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
            T result = command.apply(built);
            if (result instanceof Envelope<?> envelope && envelope.status() != BusinessCode.SUCCESS.code()) {
                refuse(model, fieldErrors, envelope.status(), errors.message("code." + envelope.status()));
                return null;
            }
            return result;
        } catch (ConstraintViolationException e) {
            e.getConstraintViolations().stream()
                    .sorted(Comparator.comparing(
                            violation -> violation.getPropertyPath().toString()))
                    .forEach(violation ->
                            fieldErrors.putIfAbsent(violation.getPropertyPath().toString(), violation.getMessage()));
            refuse(model, fieldErrors, BusinessCode.INVALID_REQUEST.code(), errors.message("code.400"));
        } catch (InvalidFieldException e) {
            fieldErrors.put(e.field(), errors.message(e.messageKey(), e.args()));
            refuse(model, fieldErrors, e.code().code(), errors.message(e.code().messageKey()));
        } catch (BusinessException e) {
            refuse(model, fieldErrors, e.code().code(), errors.message(e.messageKey(), e.args()));
        }
        return null;
    }

    /** A command whose input the service checks itself (or that has none). */
    <T> T submit(Model model, Supplier<T> command) {
        return submit(model, () -> NOTHING, nothing -> command.get());
    }

    /** A command without a result. */
    <R> boolean run(Model model, Supplier<R> request, Consumer<R> command) {
        return submit(model, request, built -> {
                    command.accept(built);
                    return Boolean.TRUE;
                })
                != null;
    }

    /** A form field's amount of money: exact, or a 400 naming the field ({@code error.type}). */
    static BigDecimal money(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw BusinessException.invalid(field, "error.type");
        }
    }

    /** A form field's id or code: a whole number, or a 400 naming the field. */
    static Long number(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw BusinessException.invalid(field, "error.type");
        }
    }

    /** A form field's whole number that must fit an int: else a 400 naming the field. */
    static Integer whole(String field, String text) {
        Long value = number(field, text);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw BusinessException.invalid(field, "error.type");
        }
        return value.intValue();
    }

    /** A checkbox: sent (any value) is yes, absent is no. */
    static Boolean yesNo(String value) {
        return value != null;
    }

    /** The ways a cashier takes or pays back money by hand: every payment type but the member card itself. */
    static List<PaymentType> paymentTypesByHand() {
        return PaymentType.all().stream()
                .filter(type -> type != PaymentType.MEMBER_CARD)
                .toList();
    }

    /** A fresh serial for one rendering of a form: sending that form twice is a retry (801), not a second charge. */
    static String serial() {
        return "WEB-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static void refuse(Model model, Map<String, String> fieldErrors, int code, String message) {
        model.addAttribute("fieldErrors", fieldErrors);
        model.addAttribute("formError", message);
        model.addAttribute("formErrorCode", code);
    }
}
