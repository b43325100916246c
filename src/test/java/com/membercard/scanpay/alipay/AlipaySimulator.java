package com.membercard.scanpay.alipay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alipay's open API gateway on this machine, for the tests: a form-encoded request (the protocol's
 * parameters in the query string, {@code biz_content} in the body) whose RSA2 {@code sign} it checks
 * with the application's public key, and a JSON answer {@code {"<method>_response":{…},"sign":"…"}}
 * signed with Alipay's own private key, as documented. It knows {@code alipay.trade.pay} (scene
 * bar_code), {@code .query}, {@code .cancel}, {@code .refund}, {@code .fastpay.refund.query} and the
 * bill's address, and serves the bill zip itself. Orders are kept in memory; a test tells it how to
 * treat a payment code ({@link #willAnswer}); by default it pays.
 */
public final class AlipaySimulator implements AutoCloseable {

    /** How a payment code is answered. */
    public enum Behaviour {
        PAID,
        /** 10003 (waiting for the buyer), then paid at the second query. */
        PAYING_THEN_PAID,
        /** 10003 and never confirmed. */
        PAYING_FOREVER,
        /** ACQ.BUYER_BALANCE_NOT_ENOUGH. */
        REFUSED,
        /** ACQ.PAYMENT_AUTH_CODE_INVALID. */
        CODE_EXPIRED,
        /** ACQ.SYSTEM_ERROR, though the charge went through. */
        SYSTEM_ERROR_CHARGED,
        /** ACQ.SYSTEM_ERROR, nothing charged. */
        SYSTEM_ERROR,
        /** Paid, the answer after {@link #slowness}. */
        SLOW,
        /** Paid, the answer signed with another key. */
        FORGED_ANSWER
    }

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final class Order {
        final BigDecimal amount;
        final String tradeNo;
        final LocalDate day = LocalDate.now(CHINA);
        final Behaviour behaviour;
        String status;
        int queries;
        final Map<String, BigDecimal> refunds = new LinkedHashMap<>();

        Order(BigDecimal amount, Behaviour behaviour, String status) {
            this.amount = amount;
            this.behaviour = behaviour;
            this.status = status;
            this.tradeNo = "2026" + System.nanoTime() % 1_000_000_000_000L + trades.incrementAndGet();
        }
    }

    private final String appId;
    private final PublicKey appPublicKey;
    private final PrivateKey alipayPrivateKey;
    private final PrivateKey forgerKey;
    private final HttpServer server;
    private final Map<String, Behaviour> told = new ConcurrentHashMap<>();
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final AtomicInteger trades = new AtomicInteger();
    private final List<String> refusedSignatures = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Duration slowness = Duration.ofSeconds(2);

    /**
     * @param appPublicKey the application's key, that its requests are verified with
     * @param alipayKeys Alipay's own pair: the answers are signed with its private half
     * @param forgerKeys another pair, whose private half signs the forged answers
     */
    public AlipaySimulator(String appId, PublicKey appPublicKey, KeyPair alipayKeys, KeyPair forgerKeys)
            throws IOException {
        this.appId = appId;
        this.appPublicKey = appPublicKey;
        this.alipayPrivateKey = alipayKeys.getPrivate();
        this.forgerKey = forgerKeys.getPrivate();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/gateway.do";
    }

    public void willAnswer(String payCode, Behaviour behaviour) {
        told.put(payCode, behaviour);
    }

    public void slowness(Duration slowness) {
        this.slowness = slowness;
    }

    public String statusOf(String orderNo) {
        Order order = orders.get(orderNo);
        return order == null ? null : order.status;
    }

    public List<String> refusedSignatures() {
        return List.copyOf(refusedSignatures);
    }

    /** Every request received (query string and body), as sent. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Plants a paid order that the service never made (for a reconciliation's difference). */
    public void plantPaid(String orderNo, BigDecimal amount) {
        orders.put(orderNo, new Order(amount, Behaviour.PAID, "TRADE_SUCCESS"));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/bill/")) {
                bill(exchange, LocalDate.parse(path.substring("/bill/".length(), path.length() - ".zip".length())));
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(query + "&" + body);
            Map<String, String> params = new TreeMap<>();
            params.putAll(form(query));
            params.putAll(form(body));
            String method = params.getOrDefault("method", "");
            String node = method.replace('.', '_') + "_response";
            if (!appId.equals(params.get("app_id")) || !"RSA2".equals(params.get("sign_type")) || !verified(params)) {
                refusedSignatures.add(method);
                // Alipay's answer to a bad signature: code 40002, not signed
                write(
                        exchange,
                        "{\"" + node + "\":{\"code\":\"40002\",\"msg\":\"Invalid Arguments\","
                                + "\"sub_code\":\"isv.invalid-signature\",\"sub_msg\":\"invalid signature\"}}");
                return;
            }
            JsonNode biz = JSON.readTree(params.getOrDefault("biz_content", "{}"));
            Map<String, Object> answer = new LinkedHashMap<>();
            boolean forged = false;
            switch (method) {
                case "alipay.trade.pay" -> forged = pay(biz, answer);
                case "alipay.trade.query" -> query(biz, answer);
                case "alipay.trade.cancel" -> cancel(biz, answer);
                case "alipay.trade.refund" -> refund(biz, answer);
                case "alipay.trade.fastpay.refund.query" -> refundQuery(biz, answer);
                case "alipay.data.dataservice.bill.downloadurl.query" -> billUrl(biz, answer);
                default -> failure(answer, "40004", "isv.invalid-method");
            }
            String inner = JSON.writeValueAsString(answer);
            String sign = sign(inner, forged ? forgerKey : alipayPrivateKey);
            write(exchange, "{\"" + node + "\":" + inner + ",\"sign\":\"" + sign + "\"}");
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
        } finally {
            exchange.close();
        }
    }

    /** Answers true when the answer is to be forged. */
    private boolean pay(JsonNode biz, Map<String, Object> answer) {
        String orderNo = biz.path("out_trade_no").asString();
        String payCode = biz.path("auth_code").asString();
        if (!"bar_code".equals(biz.path("scene").asString())
                || biz.path("subject").asString().isEmpty()) {
            failure(answer, "40004", "ACQ.INVALID_PARAMETER");
            return false;
        }
        Behaviour behaviour = told.getOrDefault(payCode, Behaviour.PAID);
        Order order;
        synchronized (this) {
            if (orders.containsKey(orderNo)) {
                failure(answer, "40004", "ACQ.TRADE_HAS_SUCCESS");
                return false;
            }
            String status = switch (behaviour) {
                case PAID, SLOW, FORGED_ANSWER, SYSTEM_ERROR_CHARGED -> "TRADE_SUCCESS";
                case PAYING_THEN_PAID, PAYING_FOREVER -> "WAIT_BUYER_PAY";
                default -> null;
            };
            order = status == null
                    ? null
                    : new Order(new BigDecimal(biz.path("total_amount").asString()), behaviour, status);
            if (order != null) {
                orders.put(orderNo, order);
            }
        }
        switch (behaviour) {
            case REFUSED -> failure(answer, "40004", "ACQ.BUYER_BALANCE_NOT_ENOUGH");
            case CODE_EXPIRED -> failure(answer, "40004", "ACQ.PAYMENT_AUTH_CODE_INVALID");
            case SYSTEM_ERROR, SYSTEM_ERROR_CHARGED -> failure(answer, "40004", "ACQ.SYSTEM_ERROR");
            case PAYING_THEN_PAID, PAYING_FOREVER -> {
                answer.put("code", "10003");
                answer.put("msg", " order success pay inprocess");
                answer.put("out_trade_no", orderNo);
            }
            default -> {
                if (behaviour == Behaviour.SLOW) {
                    sleep(slowness);
                }
                success(answer);
                answer.put("out_trade_no", orderNo);
                answer.put("trade_no", order.tradeNo);
                answer.put("total_amount", order.amount.toPlainString());
            }
        }
        return behaviour == Behaviour.FORGED_ANSWER;
    }

    private void query(JsonNode biz, Map<String, Object> answer) {
        String orderNo = biz.path("out_trade_no").asString();
        Order order = orders.get(orderNo);
        if (order == null) {
            failure(answer, "40004", "ACQ.TRADE_NOT_EXIST");
            return;
        }
        synchronized (this) {
            order.queries++;
            if (order.behaviour == Behaviour.PAYING_THEN_PAID
                    && "WAIT_BUYER_PAY".equals(order.status)
                    && order.queries >= 2) {
                order.status = "TRADE_SUCCESS";
            }
        }
        success(answer);
        answer.put("out_trade_no", orderNo);
        answer.put("trade_no", order.tradeNo);
        answer.put("trade_status", order.status);
        answer.put("total_amount", order.amount.toPlainString());
    }

    private void cancel(JsonNode biz, Map<String, Object> answer) {
        Order order = orders.get(biz.path("out_trade_no").asString());
        if (order == null) {
            failure(answer, "40004", "ACQ.TRADE_NOT_EXIST");
            return;
        }
        String action;
        synchronized (this) {
            action = "TRADE_SUCCESS".equals(order.status) ? "refund" : "close";
            order.status = "TRADE_CLOSED";
        }
        success(answer);
        answer.put("out_trade_no", biz.path("out_trade_no").asString());
        answer.put("retry_flag", "N");
        answer.put("action", action);
    }

    private void refund(JsonNode biz, Map<String, Object> answer) {
        String orderNo = biz.path("out_trade_no").asString();
        Order order = orders.get(orderNo);
        if (order == null) {
            failure(answer, "40004", "ACQ.TRADE_NOT_EXIST");
            return;
        }
        String requestNo = biz.path("out_request_no").asString(orderNo);
        BigDecimal amount = new BigDecimal(biz.path("refund_amount").asString());
        boolean moved;
        synchronized (this) {
            BigDecimal already = order.refunds.get(requestNo);
            if (already != null) {
                if (already.compareTo(amount) != 0) {
                    failure(answer, "40004", "ACQ.DISCORDANT_REPEAT_REQUEST");
                    return;
                }
                moved = false;
            } else {
                BigDecimal refunded = order.refunds.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                if (!order.status.equals("TRADE_SUCCESS")
                        || refunded.add(amount).compareTo(order.amount) > 0) {
                    failure(answer, "40004", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
                    return;
                }
                order.refunds.put(requestNo, amount);
                moved = true;
            }
        }
        success(answer);
        answer.put("out_trade_no", orderNo);
        answer.put("trade_no", order.tradeNo);
        answer.put(
                "refund_fee",
                order.refunds.values().stream()
                        .reduce(BigDecimal.ZERO, BigDecimal::add)
                        .toPlainString());
        answer.put("fund_change", moved ? "Y" : "N");
    }

    private void refundQuery(JsonNode biz, Map<String, Object> answer) {
        String orderNo = biz.path("out_trade_no").asString();
        Order order = orders.get(orderNo);
        if (order == null) {
            failure(answer, "40004", "ACQ.TRADE_NOT_EXIST");
            return;
        }
        String requestNo = biz.path("out_request_no").asString();
        success(answer);
        answer.put("out_trade_no", orderNo);
        answer.put("trade_no", order.tradeNo);
        answer.put("out_request_no", requestNo);
        BigDecimal refunded = order.refunds.get(requestNo);
        if (refunded != null) {
            answer.put("refund_amount", refunded.toPlainString());
            answer.put("refund_status", "REFUND_SUCCESS");
        }
    }

    private void billUrl(JsonNode biz, Map<String, Object> answer) {
        LocalDate day = LocalDate.parse(biz.path("bill_date").asString());
        boolean any = orders.values().stream().anyMatch(o -> o.day.equals(day));
        if (!"trade".equals(biz.path("bill_type").asString()) || !any) {
            failure(answer, "40004", "isp.bill_not_exist");
            return;
        }
        success(answer);
        answer.put(
                "bill_download_url", "http://127.0.0.1:" + server.getAddress().getPort() + "/bill/" + day + ".zip");
    }

    /** The bill zip: its detail file in GBK, comment lines first, as Alipay's are. */
    private void bill(HttpExchange exchange, LocalDate day) throws IOException {
        StringBuilder csv = new StringBuilder("#支付宝业务明细查询\r\n#账号：[20881234567890120156]\r\n"
                + "#起始日期：[" + day + " 00:00:00]   终止日期：[" + day.plusDays(1) + " 00:00:00]\r\n"
                + "#-----------------------------------------业务明细列表----------------------------------------\r\n"
                + "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,"
                + "商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
                + "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\r\n");
        orders.forEach((orderNo, order) -> {
            if (!order.day.equals(day)) {
                return;
            }
            boolean charged = order.status.equals("TRADE_SUCCESS") || !order.refunds.isEmpty();
            if (charged) {
                csv.append(line(order.tradeNo, orderNo, "交易", order.amount.toPlainString(), ""));
            }
            order.refunds.forEach((requestNo, amount) -> csv.append(
                    line(order.tradeNo, orderNo, "退款", amount.negate().toPlainString(), requestNo)));
        });
        csv.append("#-----------------------------------------业务明细列表结束------------------------------------\r\n");
        Charset gbk = Charset.forName("GBK");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip, gbk)) {
            out.putNextEntry(
                    new ZipEntry("20881234567890120156_" + day.toString().replace("-", "") + "_业务明细.csv"));
            out.write(csv.toString().getBytes(gbk));
            out.closeEntry();
            out.putNextEntry(
                    new ZipEntry("20881234567890120156_" + day.toString().replace("-", "") + "_业务明细(汇总).csv"));
            out.write("#汇总\r\n".getBytes(gbk));
            out.closeEntry();
        }
        byte[] bytes = zip.toByteArray();
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String line(String tradeNo, String orderNo, String kind, String amount, String requestNo) {
        return String.join(
                        ",",
                        tradeNo,
                        orderNo,
                        kind,
                        "scan pay",
                        "2026-01-01 12:00:00",
                        "2026-01-01 12:00:01",
                        "",
                        "",
                        "",
                        "",
                        "buyer@example.com",
                        amount,
                        amount,
                        "0.00",
                        "0.00",
                        "0.00",
                        "0.00",
                        "0.00",
                        "",
                        "0.00",
                        "0.00",
                        requestNo,
                        "0.00",
                        "0.00",
                        "")
                + "\r\n";
    }

    private static void success(Map<String, Object> answer) {
        answer.put("code", "10000");
        answer.put("msg", "Success");
    }

    private static void failure(Map<String, Object> answer, String code, String subCode) {
        answer.put("code", code);
        answer.put("msg", "Business Failed");
        answer.put("sub_code", subCode);
        answer.put("sub_msg", subCode);
    }

    /** Alipay's documented request signature: every parameter but sign, sorted, {@code k=v} joined by {@code &}, SHA256withRSA. */
    private boolean verified(Map<String, String> params) {
        StringBuilder content = new StringBuilder();
        params.forEach((name, value) -> {
            if (!name.equals("sign") && value != null && !value.isEmpty()) {
                content.append(content.length() == 0 ? "" : "&")
                        .append(name)
                        .append('=')
                        .append(value);
            }
        });
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(appPublicKey);
            verifier.update(content.toString().getBytes(StandardCharsets.UTF_8));
            return params.get("sign") != null
                    && verifier.verify(Base64.getDecoder().decode(params.get("sign")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String sign(String content, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new TreeMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void write(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
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
