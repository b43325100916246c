package com.membercard.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The client address of a request, for the sign-in limits and the security event log: the
 * servlet's remote address, which is the TCP peer unless the service is told it stands behind a
 * proxy ({@code SERVER_FORWARD_HEADERS_STRATEGY=native} with {@code
 * SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES}, see README): an {@code X-Forwarded-For} header is
 * otherwise never believed.
 */
public final class ClientAddress {

    private ClientAddress() {}

    public static String of(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return address == null ? "unknown" : address;
    }

    /** The address of the request this thread serves; null outside a request (a job, a streamed export). */
    public static String current() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? of(attributes.getRequest())
                : null;
    }
}
