package com.membercard.shared.web;

import com.membercard.shared.BusinessCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body whose Content-Type is a wildcard ({@code *}{@code /*}, {@code application/*}) with
 * 415: it names no content, and Spring, reading the body, fails on it with an exception that would
 * otherwise come out as a 500.
 */
@Component
class WildcardContentTypeFilter extends OncePerRequestFilter {

    private final ErrorEnvelopes errors;

    WildcardContentTypeFilter(ErrorEnvelopes errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isWildcard(request.getContentType())) {
            errors.write(
                    request,
                    response,
                    HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    BusinessCode.INVALID_REQUEST,
                    "error.mediaType");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isWildcard(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return !MediaType.parseMediaType(contentType).isConcrete();
        } catch (InvalidMediaTypeException e) {
            return false; // unreadable: Spring refuses it with 415 by itself
        }
    }
}
