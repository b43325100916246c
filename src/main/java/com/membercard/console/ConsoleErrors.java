package com.membercard.console;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.web.ErrorEnvelopes;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A console page that fails shows an error page in the page's language, with the API's business
 * code and message, never a stack trace. Ahead of the API's JSON handler, for console pages only.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    private final ErrorEnvelopes errors;

    ConsoleErrors(ErrorEnvelopes errors) {
        this.errors = errors;
    }

    @ExceptionHandler(BusinessException.class)
    String business(BusinessException e, HttpServletResponse response, Model model) {
        return page(response, model, e.code(), errors.message(e.messageKey(), e.args()));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    String badParameter(Exception e, HttpServletResponse response, Model model) {
        return page(response, model, BusinessCode.INVALID_REQUEST, errors.message("code.400"));
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, HttpServletResponse response, Model model) {
        log.error("Console page failed", e);
        return page(response, model, BusinessCode.INTERNAL_ERROR, errors.message("code.500"));
    }

    private static String page(HttpServletResponse response, Model model, BusinessCode code, String message) {
        response.setStatus(code.httpStatus().value());
        model.addAttribute("errorCode", code.code());
        model.addAttribute("errorMessage", message);
        return "console/error";
    }
}
