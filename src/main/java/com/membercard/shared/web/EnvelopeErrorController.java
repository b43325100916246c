package com.membercard.shared.web;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.Envelope;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what failed before MVC could (Spring Security's firewall refusing an encoded {@code %} or
 * {@code /} in a URL, a {@code sendError} from a filter, a filter's database failure): the envelope,
 * in place of Spring Boot's own error JSON or its HTML page.
 */
@Hidden
@RestController
class EnvelopeErrorController implements ErrorController {

    private final ErrorEnvelopes errors;

    EnvelopeErrorController(ErrorEnvelopes errors) {
        this.errors = errors;
    }

    /**
     * A database failure thrown by a filter (the bearer credential's look-up, when the database is
     * out of reach) is thrown again here, so the API's exception handlers answer it as they answer
     * one thrown in a controller: 503, try again, rather than 500.
     */
    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Envelope<Object>> error(HttpServletRequest request) {
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure instanceof DataAccessException || failure instanceof TransactionException) {
            throw (RuntimeException) failure;
        }
        int http = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status ? status : 500;
        BusinessCode code = switch (http) {
            case 401 -> BusinessCode.NOT_AUTHENTICATED;
            case 403 -> BusinessCode.FORBIDDEN;
            case 404 -> BusinessCode.NOT_FOUND;
            default -> http >= 500 ? BusinessCode.INTERNAL_ERROR : BusinessCode.INVALID_REQUEST;
        };
        return ResponseEntity.status(http)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new Envelope<>(code.code(), errors.message(code.messageKey()), null));
    }
}
