package com.membercard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The service's firewall ({@link SecurityConfig#firewall}) refuses a header holding a control
 * character with a 400, and lets a tab and Latin-1 letters through, as Spring Security's default
 * does: sent on a plain socket, since HTTP clients refuse to send such headers. (C0 controls never
 * reach it: Tomcat refuses them first.)
 */
@IntegrationTest
class FirewallTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void aControlCharacterInAHeaderIsRefusedAndATabIsNot() throws IOException {
        // bytes 0x85 and 0x9f: Tomcat takes them (obs-text) as U+0085 and U+009F, control characters
        assertThat(statusLineWithAuthorization("Bearer mk_a\u0085b")).startsWith("HTTP/1.1 400");
        assertThat(statusLineWithAuthorization("Bearer mk_a\u009fb")).startsWith("HTTP/1.1 400");
        // through the firewall, then refused as an unknown key
        assertThat(statusLineWithAuthorization("Bearer mk_a\tb")).startsWith("HTTP/1.1 401");
        assertThat(statusLineWithAuthorization("Bearer mk_a\u00e9b")).startsWith("HTTP/1.1 401");
        assertThat(statusLineWithAuthorization("Bearer mk_ab")).startsWith("HTTP/1.1 401");
    }

    private String statusLineWithAuthorization(String value) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/shops HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + value
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return answer.substring(0, answer.indexOf("\r\n"));
        }
    }
}
