package com.membercard.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The remote address of the request this thread is serving, for the security event log; null
 * outside a request (a job, the rest of a streamed export). The address the connection came from:
 * behind a proxy set {@code server.forward-headers-strategy} so that it is the client's.
 */
public final class ClientAddress {

    private ClientAddress() {}

    public static String current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
