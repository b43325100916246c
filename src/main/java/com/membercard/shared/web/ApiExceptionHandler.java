package com.membercard.shared.web;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Envelope;
import com.membercard.shared.InvalidFieldException;
import jakarta.validation.ConstraintViolationException;
import java.sql.SQLException;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Turns every exception into the envelope {@code {status, message}}. A validation failure names the
 * field; an unexpected failure answers 500 with a generic message: never a stack trace or SQL.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ErrorEnvelopes errors;

    ApiExceptionHandler(ErrorEnvelopes errors) {
        this.errors = errors;
    }

    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<Envelope<Object>> invalidField(InvalidFieldException e) {
        return errors.fieldError(e.code(), e.field(), errors.message(e.messageKey(), e.args()));
    }

    @ExceptionHandler(BusinessException.class)
    ResponseEntity<Envelope<Object>> business(BusinessException e) {
        return errors.of(e.code(), errors.message(e.messageKey(), e.args()), null);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Envelope<Object>> accessDenied(AccessDeniedException e) {
        return errors.of(BusinessCode.FORBIDDEN, errors.message("code.403"), null);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Envelope<Object>> invalidBody(MethodArgumentNotValidException e) {
        FieldError first = e.getBindingResult().getFieldErrors().stream()
                .min((a, b) -> a.getField().compareTo(b.getField()))
                .orElse(null);
        if (first == null) {
            String reason = e.getBindingResult().getAllErrors().stream()
                    .map(error -> error.getDefaultMessage())
                    .collect(Collectors.joining("; "));
            return errors.of(BusinessCode.INVALID_REQUEST, reason, null);
        }
        return errors.invalidField(first.getField(), first.getDefaultMessage());
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Envelope<Object>> invalidParameter(HandlerMethodValidationException e) {
        var result = e.getParameterValidationResults().get(0);
        String name = result.getMethodParameter().getParameterName();
        return errors.invalidField(name, result.getResolvableErrors().get(0).getDefaultMessage());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Envelope<Object>> constraintViolation(ConstraintViolationException e) {
        var violation = e.getConstraintViolations().iterator().next();
        String path = violation.getPropertyPath().toString();
        return errors.invalidField(path.substring(path.lastIndexOf('.') + 1), violation.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Envelope<Object>> typeMismatch(MethodArgumentTypeMismatchException e) {
        return errors.invalidField(e.getName(), errors.message("error.type"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Envelope<Object>> missingParameter(MissingServletRequestParameterException e) {
        return errors.invalidField(e.getParameterName(), errors.message("error.required"));
    }

    @ExceptionHandler(MissingRequestValueException.class)
    ResponseEntity<Envelope<Object>> missingValue(MissingRequestValueException e) {
        return errors.of(BusinessCode.INVALID_REQUEST, errors.message("error.body"), null);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Envelope<Object>> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimitFilter.TooLarge) {
                return tooLarge(e);
            }
        }
        if (e.getCause() instanceof JacksonException jackson
                && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            return errors.invalidField(field, errors.message("error.type"));
        }
        return errors.of(BusinessCode.INVALID_REQUEST, errors.message("error.body"), null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Envelope<Object>> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .body(new Envelope<>(BusinessCode.INVALID_REQUEST.code(), errors.message("error.method"), null));
    }

    @ExceptionHandler(HttpMediaTypeException.class)
    ResponseEntity<Envelope<Object>> mediaType(HttpMediaTypeException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(new Envelope<>(BusinessCode.INVALID_REQUEST.code(), errors.message("error.mediaType"), null));
    }

    /** An upload over spring.servlet.multipart.*, or a body over membercard.max-request-body sent without a length. */
    @ExceptionHandler({MaxUploadSizeExceededException.class, RequestBodyLimitFilter.TooLarge.class})
    ResponseEntity<Envelope<Object>> tooLarge(Exception e) {
        return errors.of(
                BusinessCode.REQUEST_TOO_LARGE, errors.message(BusinessCode.REQUEST_TOO_LARGE.messageKey()), null);
    }

    /** A multipart Content-Type over a body that is not multipart (no boundary, say). */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Envelope<Object>> unreadableMultipart(MultipartException e) {
        return errors.of(BusinessCode.INVALID_REQUEST, errors.message("error.body"), null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Envelope<Object>> noRoute(NoResourceFoundException e) {
        return errors.of(BusinessCode.NOT_FOUND, errors.message("error.noRoute"), null);
    }

    /** A unique key raced past the service's own check: the request clashes with existing data. */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Envelope<Object>> duplicate(DuplicateKeyException e) {
        return errors.of(BusinessCode.CONFLICT, errors.message("error.duplicate"), null);
    }

    private static String constraintOf(DataIntegrityViolationException e) {
        return e.getMostSpecificCause() instanceof PSQLException refused && refused.getServerErrorMessage() != null
                ? refused.getSQLState() + " " + refused.getServerErrorMessage().getConstraint()
                : "";
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Envelope<Object>> integrity(DataIntegrityViolationException e) {
        // one line, no stack and no detail: a client sending bad bytes must not be able to fill the
        // log, and the detail may quote a member's data; the constraint's name quotes nobody's
        log.warn("Refused by a database constraint: {} {}", e.getClass().getSimpleName(), constraintOf(e));
        return errors.of(BusinessCode.INVALID_REQUEST, errors.message("error.constraint"), null);
    }

    /**
     * The database is out of reach (restarting, connections lost) or refused for a moment (a lock or
     * serialization failure): 503. When the connection broke during the commit, whether it went
     * through is unknown, so the answer does not say "nothing was done": it says to try again, with
     * the same serial where the request has one, which is safe either way (801 tells it was done).
     */
    @ExceptionHandler({
        CannotCreateTransactionException.class,
        TransactionSystemException.class,
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class
    })
    ResponseEntity<Envelope<Object>> databaseUnavailable(Exception e) {
        String sqlState = sqlState(e);
        if (TENANT_MOVING.equals(sqlState)) {
            return tenantMoving();
        }
        if (e instanceof DataAccessResourceFailureException && sqlState != null && !connectionLost(sqlState)) {
            return unexpected(e); // e.g. a program limit: a bug, which retrying would not mend
        }
        if (e instanceof ConcurrencyFailureException) {
            // a deadlock means two statements take locks in different orders: worth a stack trace
            log.error("Lock conflict, answered 503", e);
        } else {
            log.warn("Database unavailable: {} (SQLState {})", e.getClass().getSimpleName(), sqlState);
        }
        return errors.of(BusinessCode.SERVICE_UNAVAILABLE, errors.message("code.503"), null);
    }

    /** SQLState classes 08 (connection exception) and 57 (operator intervention: the server shutting down). */
    private static boolean connectionLost(String sqlState) {
        return sqlState.startsWith("08") || sqlState.startsWith("57");
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /**
     * SQLSTATE of the write guard on a node a tenant is leaving (sharded mode, V34's
     * refuse_write_of_moved_tenant): the request wrote a row of a tenant whose writes are paused, or
     * routed by a placement cached before the tenant moved. Its transaction rolled back whole; a retry
     * a moment later goes through (on the new node, once every instance has read the new placement).
     */
    private static final String TENANT_MOVING = "40M01";

    private ResponseEntity<Envelope<Object>> tenantMoving() {
        return ResponseEntity.status(BusinessCode.TENANT_MOVING.httpStatus())
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(new Envelope<>(
                        BusinessCode.TENANT_MOVING.code(),
                        errors.message(BusinessCode.TENANT_MOVING.messageKey()),
                        null));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Envelope<Object>> unexpected(Exception e) {
        if (TENANT_MOVING.equals(sqlState(e))) {
            return tenantMoving();
        }
        log.error("Unexpected failure", e);
        return errors.of(BusinessCode.INTERNAL_ERROR, errors.message("code.500"), null);
    }
}
