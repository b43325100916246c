package com.membercard.scanpay.wechat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * WeChat Pay's V2 API on this machine, for the tests: XML requests and answers as WeChat documents
 * them ({@code /pay/micropay}, {@code /pay/orderquery}, {@code /secapi/pay/reverse},
 * {@code /secapi/pay/refund}, {@code /pay/refundquery}, {@code /pay/downloadbill}). It checks each
 * request's {@code sign} (MD5 or HMAC-SHA256 with the merchant key, computed here, not by the SDK)
 * and answers {@code return_code} FAIL to a wrong one, signs its own answers, and keeps its orders in
 * memory. A test tells it how to treat a payment code ({@link #willAnswer}); by default it pays.
 */
public final class WechatPaySimulator implements AutoCloseable {

    /** How a payment code is answered. */
    public enum Behaviour {
        PAID,
        /** USERPAYING, then paid at the second order query. */
        PAYING_THEN_PAID,
        /** USERPAYING, and never confirmed. */
        PAYING_FOREVER,
        /** NOTENOUGH: nothing charged. */
        REFUSED,
        /** AUTHCODEEXPIRE. */
        CODE_EXPIRED,
        /** SYSTEMERROR, though the charge went through. */
        SYSTEM_ERROR_CHARGED,
        /** SYSTEMERROR, nothing charged (no order kept). */
        SYSTEM_ERROR,
        /** Paid, but the answer comes after {@link #slowness}. */
        SLOW,
        /** Paid, and the answer signed with another key (as a forger would). */
        FORGED_ANSWER
    }

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final class Order {
        final String payCode;
        final int fee;
        final String transactionId;
        final LocalDate day;
        final Behaviour behaviour;
        String state;
        int queries;
        final Map<String, int[]> refunds = new LinkedHashMap<>();
        final Map<String, String> refundStates = new LinkedHashMap<>();

        Order(String payCode, int fee, Behaviour behaviour, String state) {
            this.payCode = payCode;
            this.fee = fee;
            this.behaviour = behaviour;
            this.state = state;
            this.transactionId = "42000" + System.nanoTime() % 1_000_000_000L + transactions.incrementAndGet();
            this.day = LocalDate.now(CHINA);
        }
    }

    private final String appId;
    private final String merchantId;
    private final String key;
    private final String signType;
    private final HttpServer server;
    private final Map<String, Behaviour> told = new ConcurrentHashMap<>();
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final AtomicInteger transactions = new AtomicInteger();
    private final List<String> refusedSignatures = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Duration slowness = Duration.ofSeconds(2);
    private volatile boolean refundsProcessing;

    public WechatPaySimulator(String appId, String merchantId, String key, String signType) throws IOException {
        this.appId = appId;
        this.merchantId = merchantId;
        this.key = key;
        this.signType = signType;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void willAnswer(String payCode, Behaviour behaviour) {
        told.put(payCode, behaviour);
    }

    public void slowness(Duration slowness) {
        this.slowness = slowness;
    }

    /** Refunds stay PROCESSING until this is turned off again. */
    public void refundsProcessing(boolean processing) {
        this.refundsProcessing = processing;
    }

    /** The state WeChat holds of an order (SUCCESS, USERPAYING, REVOKED, …), or null when it has none. */
    public String stateOf(String orderNo) {
        Order order = orders.get(orderNo);
        return order == null ? null : order.state;
    }

    /** The paths of the requests refused for a wrong signature. */
    public List<String> refusedSignatures() {
        return List.copyOf(refusedSignatures);
    }

    /** Every request body received, as sent (the tests look for what must not be in them). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Plants a paid order that the service never made (for a reconciliation's difference). */
    public void plantPaid(String orderNo, int fee) {
        Order order = new Order("", fee, Behaviour.PAID, "SUCCESS");
        orders.put(orderNo, order);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(body);
            Map<String, String> request = parse(body);
            String path = exchange.getRequestURI().getPath();
            String requestSignType = request.getOrDefault("sign_type", "MD5");
            if (!appId.equals(request.get("appid"))
                    || !merchantId.equals(request.get("mch_id"))
                    || !requestSignType.equals(signType)
                    || !sign(request, requestSignType, key).equals(request.get("sign"))) {
                refusedSignatures.add(path);
                write(
                        exchange,
                        "<xml><return_code><![CDATA[FAIL]]></return_code>"
                                + "<return_msg><![CDATA[签名错误]]></return_msg></xml>");
                return;
            }
            switch (path) {
                case "/pay/micropay" -> micropay(exchange, request);
                case "/pay/orderquery" -> orderQuery(exchange, request);
                case "/secapi/pay/reverse" -> reverse(exchange, request);
                case "/secapi/pay/refund" -> refund(exchange, request);
                case "/pay/refundquery" -> refundQuery(exchange, request);
                case "/pay/downloadbill" -> downloadBill(exchange, request);
                default -> exchange.sendResponseHeaders(404, -1);
            }
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
        } finally {
            exchange.close();
        }
    }

    private void micropay(HttpExchange exchange, Map<String, String> request) throws IOException {
        String orderNo = request.get("out_trade_no");
        String payCode = request.get("auth_code");
        Behaviour behaviour = told.getOrDefault(payCode, Behaviour.PAID);
        Order order;
        synchronized (this) {
            Order existing = orders.get(orderNo);
            if (existing != null) {
                write(exchange, answer(Map.of(), "ORDERPAID", false));
                return;
            }
            String state = switch (behaviour) {
                case PAID, SLOW, FORGED_ANSWER, SYSTEM_ERROR_CHARGED -> "SUCCESS";
                case PAYING_THEN_PAID, PAYING_FOREVER -> "USERPAYING";
                default -> null;
            };
            order = state == null
                    ? null
                    : new Order(payCode, Integer.parseInt(request.get("total_fee")), behaviour, state);
            if (order != null) {
                orders.put(orderNo, order);
            }
        }
        switch (behaviour) {
            case REFUSED -> write(exchange, answer(Map.of(), "NOTENOUGH", false));
            case CODE_EXPIRED -> write(exchange, answer(Map.of(), "AUTHCODEEXPIRE", false));
            case SYSTEM_ERROR, SYSTEM_ERROR_CHARGED -> write(exchange, answer(Map.of(), "SYSTEMERROR", false));
            case PAYING_THEN_PAID, PAYING_FOREVER -> write(exchange, answer(Map.of(), "USERPAYING", false));
            case SLOW -> {
                sleep(slowness);
                write(exchange, answer(paid(orderNo, order), null, false));
            }
            case FORGED_ANSWER -> write(exchange, answer(paid(orderNo, order), null, true));
            default -> write(exchange, answer(paid(orderNo, order), null, false));
        }
    }

    private static Map<String, String> paid(String orderNo, Order order) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("out_trade_no", orderNo);
        fields.put("transaction_id", order.transactionId);
        fields.put("total_fee", String.valueOf(order.fee));
        fields.put("trade_type", "MICROPAY");
        return fields;
    }

    private void orderQuery(HttpExchange exchange, Map<String, String> request) throws IOException {
        String orderNo = request.get("out_trade_no");
        Order order = orders.get(orderNo);
        if (order == null) {
            write(exchange, answer(Map.of(), "ORDERNOTEXIST", false));
            return;
        }
        synchronized (this) {
            order.queries++;
            if (order.behaviour == Behaviour.PAYING_THEN_PAID
                    && "USERPAYING".equals(order.state)
                    && order.queries >= 2) {
                order.state = "SUCCESS";
            }
        }
        Map<String, String> fields = new TreeMap<>();
        fields.put("out_trade_no", orderNo);
        fields.put("trade_state", order.state);
        if (order.state.equals("SUCCESS") || order.state.equals("REFUND")) {
            fields.putAll(paid(orderNo, order));
        }
        write(exchange, answer(fields, null, false));
    }

    private void reverse(HttpExchange exchange, Map<String, String> request) throws IOException {
        Order order = orders.get(request.get("out_trade_no"));
        if (order == null) {
            write(exchange, answer(Map.of(), "ORDERNOTEXIST", false));
            return;
        }
        synchronized (this) {
            order.state = "REVOKED";
        }
        write(exchange, answer(Map.of("recall", "N"), null, false));
    }

    private void refund(HttpExchange exchange, Map<String, String> request) throws IOException {
        Order order = orders.get(request.get("out_trade_no"));
        if (order == null) {
            write(exchange, answer(Map.of(), "ORDERNOTEXIST", false));
            return;
        }
        String refundNo = request.get("out_refund_no");
        int fee = Integer.parseInt(request.get("refund_fee"));
        synchronized (this) {
            if (!order.refunds.containsKey(refundNo)) {
                int refunded =
                        order.refunds.values().stream().mapToInt(r -> r[0]).sum();
                if (!(order.state.equals("SUCCESS") || order.state.equals("REFUND"))
                        || refunded + fee > order.fee
                        || order.fee != Integer.parseInt(request.get("total_fee"))) {
                    write(exchange, answer(Map.of(), "ERROR", false));
                    return;
                }
                order.refunds.put(refundNo, new int[] {fee});
                order.refundStates.put(refundNo, refundsProcessing ? "PROCESSING" : "SUCCESS");
                order.state = "REFUND";
            }
        }
        Map<String, String> fields = new TreeMap<>();
        fields.put("out_trade_no", request.get("out_trade_no"));
        fields.put("out_refund_no", refundNo);
        fields.put("refund_id", refundId(refundNo));
        fields.put("refund_fee", String.valueOf(fee));
        fields.put("total_fee", String.valueOf(order.fee));
        write(exchange, answer(fields, null, false));
    }

    private void refundQuery(HttpExchange exchange, Map<String, String> request) throws IOException {
        Order order = orders.get(request.get("out_trade_no"));
        String refundNo = request.get("out_refund_no");
        if (order == null || !order.refunds.containsKey(refundNo)) {
            write(exchange, answer(Map.of(), "REFUNDNOTEXIST", false));
            return;
        }
        synchronized (this) {
            if (!refundsProcessing) {
                order.refundStates.replaceAll((no, state) -> "SUCCESS");
            }
        }
        Map<String, String> fields = new TreeMap<>();
        fields.put("out_trade_no", request.get("out_trade_no"));
        fields.put("transaction_id", order.transactionId);
        fields.put("total_fee", String.valueOf(order.fee));
        fields.put("refund_count", "1");
        fields.put("out_refund_no_0", refundNo);
        fields.put("refund_id_0", refundId(refundNo));
        fields.put("refund_fee_0", String.valueOf(order.refunds.get(refundNo)[0]));
        fields.put("refund_status_0", order.refundStates.get(refundNo));
        write(exchange, answer(fields, null, false));
    }

    /** The bill of type ALL, in WeChat's text format: every field led by a backquote, totals at the end. */
    private void downloadBill(HttpExchange exchange, Map<String, String> request) throws IOException {
        LocalDate day = LocalDate.parse(request.get("bill_date"), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        StringBuilder bill = new StringBuilder("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"
                + "付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,"
                + "商户数据包,手续费,费率\r\n");
        int lines = 0;
        for (Map.Entry<String, Order> entry : orders.entrySet()) {
            Order order = entry.getValue();
            if (!order.day.equals(day)) {
                continue;
            }
            if (order.state.equals("SUCCESS") || order.state.equals("REFUND")) {
                bill.append(line(order, entry.getKey(), "SUCCESS", yuan(order.fee), "", "", "0.00", ""));
                lines++;
            }
            for (Map.Entry<String, int[]> refund : order.refunds.entrySet()) {
                if ("SUCCESS".equals(order.refundStates.get(refund.getKey()))) {
                    bill.append(line(
                            order,
                            entry.getKey(),
                            "REFUND",
                            "0.00",
                            refundId(refund.getKey()),
                            refund.getKey(),
                            yuan(refund.getValue()[0]),
                            "SUCCESS"));
                    lines++;
                }
            }
        }
        if (lines == 0) {
            write(
                    exchange,
                    "<xml><return_code><![CDATA[FAIL]]></return_code>"
                            + "<return_msg><![CDATA[No Bill Exist]]></return_msg><error_code>20002</error_code></xml>");
            return;
        }
        bill.append("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n`")
                .append(lines)
                .append(",`0.00,`0.00,`0.00,`0.00,`0.00,`0.00\r\n");
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        byte[] bytes = bill.toString().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String line(
            Order order,
            String orderNo,
            String state,
            String total,
            String refundId,
            String refundNo,
            String refund,
            String refundState) {
        return String.join(
                        ",",
                        "`" + order.day + " 12:00:00",
                        "`" + appId,
                        "`" + merchantId,
                        "`0",
                        "`",
                        "`" + order.transactionId,
                        "`" + orderNo,
                        "`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
                        "`MICROPAY",
                        "`" + state,
                        "`CFT",
                        "`CNY",
                        "`" + total,
                        "`0.00",
                        "`" + refundId,
                        "`" + refundNo,
                        "`" + refund,
                        "`0.00",
                        "`" + (refundNo.isEmpty() ? "" : "ORIGINAL"),
                        "`" + refundState,
                        "`scan pay",
                        "`",
                        "`0.00000",
                        "`0.60%")
                + "\r\n";
    }

    private static String yuan(int fen) {
        return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
    }

    private static String refundId(String refundNo) {
        return "5030" + Math.abs(refundNo.hashCode());
    }

    /** A signed answer: return_code SUCCESS, result_code SUCCESS or FAIL with {@code errCode}. */
    private String answer(Map<String, String> fields, String errCode, boolean forged) {
        Map<String, String> all = new TreeMap<>(fields);
        all.put("return_code", "SUCCESS");
        all.put("return_msg", "OK");
        all.put("appid", appId);
        all.put("mch_id", merchantId);
        all.put("nonce_str", Long.toString(System.nanoTime(), 36));
        all.put("result_code", errCode == null ? "SUCCESS" : "FAIL");
        if (errCode != null) {
            all.put("err_code", errCode);
            all.put("err_code_des", errCode);
        }
        all.put("sign", sign(all, signType, forged ? "F" + key.substring(1) : key));
        StringBuilder xml = new StringBuilder("<xml>");
        all.forEach((name, value) -> xml.append('<')
                .append(name)
                .append("><![CDATA[")
                .append(value)
                .append("]]></")
                .append(name)
                .append('>'));
        return xml.append("</xml>").toString();
    }

    /** WeChat's documented signature: the non-empty fields but sign, sorted, joined, {@code &key=}, MD5 or HMAC-SHA256. */
    static String sign(Map<String, String> fields, String type, String key) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(fields).forEach((name, value) -> {
            if (!name.equals("sign") && value != null && !value.isEmpty()) {
                text.append(name).append('=').append(value).append('&');
            }
        });
        text.append("key=").append(key);
        try {
            byte[] digest;
            if ("HMAC-SHA256".equals(type)) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                digest = mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8));
            } else {
                digest = MessageDigest.getInstance("MD5").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest).toUpperCase(Locale.ROOT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
            Map<String, String> fields = new TreeMap<>();
            NodeList children = root.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                Node child = children.item(i);
                if (child.getNodeType() == Node.ELEMENT_NODE) {
                    fields.put(child.getNodeName(), child.getTextContent());
                }
            }
            return fields;
        } catch (Exception e) {
            throw new IllegalArgumentException("not WeChat's XML", e);
        }
    }

    private static void write(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
