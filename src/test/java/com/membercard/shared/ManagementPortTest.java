package com.membercard.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.membercard.Application;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A management port of its own (MANAGEMENT_SERVER_PORT) serves {@code /actuator/prometheus} without
 * a credential, so without MANAGEMENT_SERVER_ADDRESS it must listen on the loopback address only:
 * the service started as deployed, with such a port, and asked where it listens.
 */
class ManagementPortTest {

    @TempDir
    Path dataDir;

    @Test
    void aManagementPortOfItsOwnListensOnLoopbackOnly() throws Exception {
        List<WebServer> management = new CopyOnWriteArrayList<>();
        ApplicationListener<WebServerInitializedEvent> servers = event -> {
            if ("management".equals(event.getApplicationContext().getServerNamespace())) {
                management.add(event.getWebServer());
            }
        };
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(Application.class)
                .listeners(servers)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--membercard.data-dir=" + dataDir,
                        "--membercard.database-fsync=false")) {
            int port = Integer.parseInt(service.getEnvironment().getRequiredProperty("local.management.port"));

            assertThat(management).hasSize(1);
            InetAddress bound = (InetAddress) ((TomcatWebServer) management.get(0))
                    .getTomcat()
                    .getConnector()
                    .getProperty("address");
            assertThat(bound).as("bound to one address, not all").isNotNull();
            assertThat(bound.isLoopbackAddress()).as(bound.toString()).isTrue();
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("it answers on loopback").isEqualTo(200);
            for (InetAddress address : otherAddresses()) {
                assertThatThrownBy(() -> connect(address, port))
                        .as("no connection through %s", address)
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    /** This machine's addresses other than loopback and link-local ones. */
    private static List<InetAddress> otherAddresses() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .toList();
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
        }
    }
}
