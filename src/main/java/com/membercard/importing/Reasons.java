package com.membercard.importing;

import com.membercard.shared.BusinessException;
import com.membercard.shared.InvalidFieldException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Why a row is refused, in Chinese and English: from a message key, from a {@link BusinessException}
 * that op19's code threw, or from the violations of op19's own bean validation.
 */
@Component
class Reasons {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private final MessageSource messages;
    private final Validator validator;

    Reasons(MessageSource messages, Validator validator) {
        this.messages = messages;
        this.validator = validator;
    }

    String text(String key, Object[] args, Locale locale) {
        return messages.getMessage(key, args, key, locale);
    }

    Problem problem(int row, String column, String value, String key, Object... args) {
        return new Problem(
                row, column, Problem.cut(value), text(key, args, CHINESE), text(key, args, Locale.ENGLISH), false);
    }

    /** A refusal of op19's code; a value taken already (409) is a duplicate, skipped rather than failed. */
    Problem problem(
            int row,
            BusinessException e,
            Function<String, String> columnOfField,
            Function<String, String> valueOfField) {
        String field = e instanceof InvalidFieldException invalid ? invalid.field() : null;
        String column = field == null ? null : columnOfField.apply(field);
        String value = field == null ? null : valueOfField.apply(field);
        boolean duplicate = "error.taken".equals(e.messageKey());
        return new Problem(
                row,
                column,
                Problem.cut(value),
                text(e.messageKey(), e.args(), CHINESE),
                text(e.messageKey(), e.args(), Locale.ENGLISH),
                duplicate);
    }

    /**
     * The bean validation of {@code bean} (op19's annotations on its request, the money rule of every
     * request), one problem per field, in both languages; empty when it passes.
     */
    List<Problem> violations(
            int row, Object bean, Function<String, String> columnOfField, Function<String, String> valueOfField) {
        List<ConstraintViolation<Object>> chinese = validate(bean, CHINESE);
        if (chinese.isEmpty()) {
            return List.of();
        }
        List<ConstraintViolation<Object>> english = validate(bean, Locale.ENGLISH);
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < chinese.size(); i++) {
            String path = chinese.get(i).getPropertyPath().toString();
            String field = path.contains("[") ? path.substring(0, path.indexOf('[')) : path;
            String en = i < english.size()
                    ? english.get(i).getMessage()
                    : chinese.get(i).getMessage();
            problems.add(new Problem(
                    row,
                    columnOfField.apply(field),
                    Problem.cut(valueOfField.apply(field)),
                    chinese.get(i).getMessage(),
                    en,
                    false));
        }
        return problems;
    }

    private List<ConstraintViolation<Object>> validate(Object bean, Locale locale) {
        Locale before = LocaleContextHolder.getLocale();
        LocaleContextHolder.setLocale(locale);
        try {
            Set<ConstraintViolation<Object>> found = validator.validate(bean);
            return found.stream()
                    .sorted(Comparator.comparing((ConstraintViolation<Object> v) ->
                                    v.getPropertyPath().toString())
                            .thenComparing(v -> v.getMessageTemplate()))
                    .toList();
        } finally {
            LocaleContextHolder.setLocale(before);
        }
    }
}
