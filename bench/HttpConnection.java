import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket, as a till would hold: send a request head
 * (and a body), read the status and the body (Content-Length or chunked). The benchmarks use it
 * rather than {@code java.net.http}: on a 2-core machine the load generator shares the CPU with the
 * service, and this costs a fraction of the JDK client per request.
 */
final class HttpConnection {
    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private final StringBuilder line = new StringBuilder(128);
    private byte[] body = new byte[4096];
    int bodyLength;
    int httpStatus;
    /** The last answer's header lines ({@code name: value}), for a session's cookie and a redirect. */
    final java.util.List<String> headers = new java.util.ArrayList<>();

    HttpConnection(String host, int port) {
        this.host = host;
        this.port = port;
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(60_000);
        in = socket.getInputStream();
        out = new BufferedOutputStream(socket.getOutputStream(), 4096);
        position = limit = 0;
    }

    void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }

    /** Sends the request; fills httpStatus and body[0..bodyLength). */
    void exchange(byte[] head, byte[] payload) throws IOException {
        if (socket == null) {
            open();
        }
        out.write(head);
        out.write(payload);
        out.flush();
        String status = readLine();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        httpStatus = Integer.parseInt(status.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        headers.clear();
        for (String h = readLine(); !h.isEmpty(); h = readLine()) {
            headers.add(h);
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).strip();
            String value = h.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase().contains("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closeAfter = value.equalsIgnoreCase("close");
            }
        }
        bodyLength = 0;
        if (chunked) {
            for (;;) {
                String size = readLine();
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
                if (n == 0) {
                    while (!readLine().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                readBody(n);
                readLine();
            }
        } else if (contentLength >= 0) {
            readBody((int) contentLength);
        } else {
            throw new IOException("answer without length");
        }
        if (closeAfter) {
            close();
        }
    }

    private void readBody(int n) throws IOException {
        if (bodyLength + n > body.length) {
            body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + n));
        }
        while (n > 0) {
            if (position == limit) {
                fill();
            }
            int take = Math.min(n, limit - position);
            System.arraycopy(buffer, position, body, bodyLength, take);
            position += take;
            bodyLength += take;
            n -= take;
        }
    }

    private String readLine() throws IOException {
        line.setLength(0);
        for (;;) {
            if (position == limit) {
                fill();
            }
            char c = (char) (buffer[position++] & 0xff);
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append(c);
        }
    }

    private void fill() throws IOException {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
            limit = 0;
            throw new EOFException("connection closed by the server");
        }
    }

    /** The business status of an envelope {"status":NNN,...}, or -1. */
    int businessStatus() {
        byte[] key = "\"status\":".getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + key.length < bodyLength; i++) {
            for (int k = 0; k < key.length; k++) {
                if (body[i + k] != key[k]) {
                    continue outer;
                }
            }
            int at = i + key.length;
            while (at < bodyLength && body[at] == ' ') {
                at++;
            }
            int value = 0;
            int digits = 0;
            while (at < bodyLength && body[at] >= '0' && body[at] <= '9') {
                value = value * 10 + (body[at++] - '0');
                digits++;
            }
            return digits > 0 ? value : -1;
        }
        return -1;
    }

    /** The first value of the last answer's header {@code name}, or null. */
    String header(String name) {
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon > 0 && h.substring(0, colon).strip().equalsIgnoreCase(name)) {
                return h.substring(colon + 1).strip();
            }
        }
        return null;
    }

    String bodyText() {
        return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
    }

    /** The head of a request with a JSON body of {@code length} bytes (0: no body). */
    static byte[] head(String method, String host, int port, String path, String apiKey, int length) {
        return (method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + apiKey
                        + "\r\nAccept: application/json\r\n"
                        + (length > 0 ? "Content-Type: application/json\r\nContent-Length: " + length + "\r\n" : "")
                        + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The head of a browser's request: the session cookie (or none) instead of a bearer token, and
     * a form body of {@code length} bytes (0: none).
     */
    static byte[] browserHead(String method, String host, int port, String path, String cookie, int length) {
        return (method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: text/html\r\n"
                        + (cookie != null ? "Cookie: " + cookie + "\r\n" : "")
                        + (length > 0
                                ? "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + length + "\r\n"
                                : "")
                        + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
