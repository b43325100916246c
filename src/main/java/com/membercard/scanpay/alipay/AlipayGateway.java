package com.membercard.scanpay.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.AlipayResponse;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayDataDataserviceBillDownloadurlQueryModel;
import com.alipay.api.domain.AlipayTradeCancelModel;
import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.domain.AlipayTradePayModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.internal.util.AlipayLogger;
import com.alipay.api.request.AlipayDataDataserviceBillDownloadurlQueryRequest;
import com.alipay.api.request.AlipayTradeCancelRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayDataDataserviceBillDownloadurlQueryResponse;
import com.alipay.api.response.AlipayTradeCancelResponse;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradePayResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import com.membercard.scanpay.PaymentGateway;
import com.membercard.shared.Money;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Alipay's face-to-face payment by payment code through {@code alipay-sdk-java}:
 * {@code alipay.trade.pay} (scene {@code bar_code}), {@code alipay.trade.query},
 * {@code alipay.trade.cancel}, {@code alipay.trade.refund} (our refund number as
 * {@code out_request_no}), {@code alipay.trade.fastpay.refund.query} and the bill of
 * {@code alipay.data.dataservice.bill.downloadurl.query}. Requests are signed RSA2 with the
 * application's private key; answers are verified with Alipay's public key by the SDK, and a refusal
 * is believed only when it is signed too.
 *
 * <p>How Alipay's answers map to {@link Status}: code 10000 is done; 10003 and
 * {@code WAIT_BUYER_PAY} are PAYING; {@code ACQ.PAYMENT_AUTH_CODE_INVALID} is CODE_EXPIRED; the
 * documented refusals and a request refused as a whole (40001, 40002, 40006, 20001) are FAILED;
 * {@code ACQ.SYSTEM_ERROR}, 20000, a timeout, a bad signature and anything not known here are UNKNOWN.
 */
public final class AlipayGateway implements PaymentGateway {

    /** Alipay's gateway; the settings' URL replaces it (a local simulator in the tests). */
    public static final String DEFAULT_URL = "https://openapi.alipay.com/gateway.do";

    static {
        // the SDK's own logs carry the request's parameters, the customer's payment code among them
        AlipayLogger.setNeedEnableLogger(false);
    }

    /** A merchant application's settings: its id, its RSA2 private key and Alipay's public key. */
    public record Settings(
            String appId,
            String privateKey,
            String alipayPublicKey,
            String url,
            Duration connectTimeout,
            Duration readTimeout) {

        @Override
        public String toString() {
            return "Alipay.Settings[appId=" + appId + ", url=" + url + "]";
        }
    }

    private static final Set<String> WHOLE_REQUEST_REFUSED = Set.of("20001", "40001", "40002", "40006");
    private static final Set<String> PAY_REFUSED = Set.of(
            "ACQ.BUYER_BALANCE_NOT_ENOUGH",
            "ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH",
            "ACQ.PAYMENT_FAIL",
            "ACQ.TRADE_HAS_CLOSE",
            "ACQ.BUYER_SELLER_EQUAL",
            "ACQ.TRADE_BUYER_NOT_MATCH",
            "ACQ.BUYER_ENABLE_STATUS_FORBID",
            "ACQ.INVALID_PARAMETER",
            "ACQ.ACCESS_FORBIDDEN",
            "ACQ.EXIST_FORBIDDEN_WORD",
            "ACQ.PARTNER_ERROR",
            "ACQ.TOTAL_FEE_EXCEED",
            "ACQ.PAYMENT_REQUEST_HAS_RISK",
            "ACQ.MOBILE_PAYMENT_SWITCH_OFF",
            "ACQ.ERROR_BALANCE_PAYMENT_DISABLE",
            "ACQ.ERROR_BUYER_CERTIFY_LEVEL_LIMIT",
            "ACQ.BEYOND_PAY_RESTRICTION",
            "ACQ.BEYOND_PER_RECEIPT_RESTRICTION",
            "ACQ.SELLER_BEEN_BLOCKED");
    private static final Set<String> REFUND_REFUSED = Set.of(
            "ACQ.TRADE_NOT_EXIST",
            "ACQ.TRADE_STATUS_ERROR",
            "ACQ.TRADE_HAS_FINISHED",
            "ACQ.SELLER_BALANCE_NOT_ENOUGH",
            "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL",
            "ACQ.REASON_TRADE_BEEN_FREEZEN",
            "ACQ.REASON_TRADE_REFUND_FEE_ERR",
            "ACQ.DISCORDANT_REPEAT_REQUEST",
            "ACQ.NOT_ALLOWED_PARTIAL_REFUND",
            "ACQ.INVALID_PARAMETER",
            "ACQ.ACCESS_FORBIDDEN",
            "ACQ.BUYER_ERROR",
            "ACQ.ONLINE_TRADE_VOUCHER_NOT_ALLOW_REFUND");
    /** A bill's detail file in the zip, of the bill's folder of files. */
    private static final String DETAIL_FILE = "业务明细.csv";

    private static final Charset BILL_CHARSET = Charset.forName("GBK");
    /** {@code subject} is at most 256 characters. */
    private static final int SUBJECT_LENGTH = 256;

    private final AlipayClient client;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public AlipayGateway(Settings settings) {
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(settings.url());
        config.setAppId(settings.appId());
        config.setPrivateKey(settings.privateKey());
        config.setAlipayPublicKey(settings.alipayPublicKey());
        config.setSignType("RSA2");
        config.setCharset("utf-8");
        config.setFormat("json");
        config.setConnectTimeout((int) settings.connectTimeout().toMillis());
        config.setReadTimeout((int) settings.readTimeout().toMillis());
        try {
            this.client = new DefaultAlipayClient(config);
        } catch (AlipayApiException e) {
            throw new IllegalStateException("Alipay client not built: " + e.getErrCode(), e);
        }
        this.connectTimeout = settings.connectTimeout();
        this.readTimeout = settings.readTimeout();
    }

    @Override
    public Answer pay(String orderNo, String payCode, Money money, String description) {
        AlipayTradePayModel model = new AlipayTradePayModel();
        model.setOutTradeNo(orderNo);
        model.setScene("bar_code");
        model.setAuthCode(payCode);
        model.setTotalAmount(money.amount().toPlainString());
        model.setSubject(subject(description));
        AlipayTradePayRequest request = new AlipayTradePayRequest();
        request.setBizModel(model);
        try {
            AlipayTradePayResponse response = client.execute(request);
            if ("10000".equals(response.getCode())) {
                return new Answer(Status.SUCCESS, response.getTradeNo(), null);
            }
            if ("10003".equals(response.getCode())) {
                return new Answer(Status.PAYING, null, "10003");
            }
            if (WHOLE_REQUEST_REFUSED.contains(response.getCode())) {
                return new Answer(Status.FAILED, null, reason(response));
            }
            if (!signed(response)) {
                return unknown(response);
            }
            String subCode = response.getSubCode() == null ? "" : response.getSubCode();
            if ("ACQ.PAYMENT_AUTH_CODE_INVALID".equals(subCode)) {
                return new Answer(Status.CODE_EXPIRED, null, subCode);
            }
            return PAY_REFUSED.contains(subCode) ? new Answer(Status.FAILED, null, subCode) : unknown(response);
        } catch (AlipayApiException e) {
            return unknown(e);
        }
    }

    @Override
    public Answer query(String orderNo) {
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(orderNo);
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        try {
            AlipayTradeQueryResponse response = client.execute(request);
            if ("10000".equals(response.getCode())) {
                String state = response.getTradeStatus() == null ? "" : response.getTradeStatus();
                return switch (state) {
                    case "TRADE_SUCCESS", "TRADE_FINISHED" -> new Answer(Status.SUCCESS, response.getTradeNo(), state);
                    case "WAIT_BUYER_PAY" -> new Answer(Status.PAYING, null, state);
                    case "TRADE_CLOSED" -> new Answer(Status.REVERSED, null, state);
                    default -> new Answer(Status.UNKNOWN, null, "trade_status " + state);
                };
            }
            if ("ACQ.TRADE_NOT_EXIST".equals(response.getSubCode()) && signed(response)) {
                return new Answer(Status.NOT_FOUND, null, response.getSubCode());
            }
            return unknown(response);
        } catch (AlipayApiException e) {
            return unknown(e);
        }
    }

    @Override
    public Answer reverse(String orderNo) {
        AlipayTradeCancelModel model = new AlipayTradeCancelModel();
        model.setOutTradeNo(orderNo);
        AlipayTradeCancelRequest request = new AlipayTradeCancelRequest();
        request.setBizModel(model);
        try {
            AlipayTradeCancelResponse response = client.execute(request);
            if ("10000".equals(response.getCode())) {
                // retry_flag=Y: Alipay asks for the cancel to be sent again
                return "Y".equals(response.getRetryFlag())
                        ? new Answer(Status.UNKNOWN, null, "retry_flag Y")
                        : new Answer(Status.SUCCESS, null, response.getAction());
            }
            if (signed(response) && response.getSubCode() != null) {
                return switch (response.getSubCode()) {
                    // never there: nothing can stay charged
                    case "ACQ.TRADE_NOT_EXIST" -> new Answer(Status.SUCCESS, null, response.getSubCode());
                    case "ACQ.TRADE_CANCEL_TIME_OUT", "ACQ.REASON_TRADE_BEEN_FREEZEN" ->
                        new Answer(Status.FAILED, null, response.getSubCode());
                    default -> unknown(response);
                };
            }
            return unknown(response);
        } catch (AlipayApiException e) {
            return unknown(e);
        }
    }

    @Override
    public Answer refund(String orderNo, String refundNo, Money total, Money money) {
        AlipayTradeRefundModel model = new AlipayTradeRefundModel();
        model.setOutTradeNo(orderNo);
        model.setOutRequestNo(refundNo);
        model.setRefundAmount(money.amount().toPlainString());
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizModel(model);
        try {
            AlipayTradeRefundResponse response = client.execute(request);
            if ("10000".equals(response.getCode())) {
                // fund_change=N: this request moved no money now (a repeat, or not yet): ask
                return "Y".equals(response.getFundChange())
                        ? new Answer(Status.SUCCESS, response.getTradeNo(), null)
                        : refundStanding(orderNo, refundNo);
            }
            if (WHOLE_REQUEST_REFUSED.contains(response.getCode())) {
                return new Answer(Status.FAILED, null, reason(response));
            }
            return signed(response) && response.getSubCode() != null && REFUND_REFUSED.contains(response.getSubCode())
                    ? new Answer(Status.FAILED, null, response.getSubCode())
                    : unknown(response);
        } catch (AlipayApiException e) {
            return unknown(e);
        }
    }

    private Answer refundStanding(String orderNo, String refundNo) {
        Answer now = refundQuery(orderNo, refundNo);
        return now.status() == Status.SUCCESS ? now : new Answer(Status.UNKNOWN, null, "fund_change N");
    }

    /** REFUND_SUCCESS is done; an answer without a refund status means Alipay has no such refund. */
    @Override
    public Answer refundQuery(String orderNo, String refundNo) {
        AlipayTradeFastpayRefundQueryModel model = new AlipayTradeFastpayRefundQueryModel();
        model.setOutTradeNo(orderNo);
        model.setOutRequestNo(refundNo);
        AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
        request.setBizModel(model);
        try {
            AlipayTradeFastpayRefundQueryResponse response = client.execute(request);
            if ("10000".equals(response.getCode())) {
                return "REFUND_SUCCESS".equals(response.getRefundStatus())
                        ? new Answer(Status.SUCCESS, response.getTradeNo(), null)
                        : new Answer(Status.NOT_FOUND, null, "no refund_status");
            }
            if ("ACQ.TRADE_NOT_EXIST".equals(response.getSubCode()) && signed(response)) {
                return new Answer(Status.NOT_FOUND, null, response.getSubCode());
            }
            return unknown(response);
        } catch (AlipayApiException e) {
            return unknown(e);
        }
    }

    /** The day's trade bill: its address from Alipay, then the zip of CSV files (GBK) from there. */
    @Override
    public List<StatementLine> statement(LocalDate day) {
        AlipayDataDataserviceBillDownloadurlQueryModel model = new AlipayDataDataserviceBillDownloadurlQueryModel();
        model.setBillType("trade");
        model.setBillDate(day.toString());
        AlipayDataDataserviceBillDownloadurlQueryRequest request =
                new AlipayDataDataserviceBillDownloadurlQueryRequest();
        request.setBizModel(model);
        String url;
        try {
            AlipayDataDataserviceBillDownloadurlQueryResponse response = client.execute(request);
            if ("isp.bill_not_exist".equals(response.getSubCode())) {
                return List.of();
            }
            if (!"10000".equals(response.getCode()) || response.getBillDownloadUrl() == null) {
                throw new IllegalStateException("Alipay's bill of " + day + " is not available: " + reason(response));
            }
            url = response.getBillDownloadUrl();
        } catch (AlipayApiException e) {
            throw new IllegalStateException("Alipay's bill of " + day + " is not available: " + e.getErrCode(), e);
        }
        try {
            // a client of its own for the rare download: it holds a thread only while it is in use
            HttpClient billDownload =
                    HttpClient.newBuilder().connectTimeout(connectTimeout).build();
            HttpResponse<byte[]> zip = billDownload.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(readTimeout)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (zip.statusCode() != 200) {
                throw new IllegalStateException("Alipay's bill of " + day + " answered HTTP " + zip.statusCode());
            }
            return parseBillZip(zip.body());
        } catch (IOException e) {
            throw new IllegalStateException("Alipay's bill of " + day + " could not be downloaded", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Alipay's bill download was interrupted", e);
        }
    }

    /** The detail file of a bill zip ({@code …_业务明细.csv}, not its summary {@code …_业务明细(汇总).csv}). */
    static List<StatementLine> parseBillZip(byte[] zip) throws IOException {
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip), BILL_CHARSET)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (entry.getName().endsWith(DETAIL_FILE)) {
                    return parseBillDetail(new String(entries.readAllBytes(), BILL_CHARSET));
                }
            }
        }
        throw new IllegalStateException("Alipay's bill has no detail file");
    }

    /**
     * The detail lines: comment lines start with {@code #}, then a header, then one line per trade
     * ({@code 业务类型} 交易) or refund (退款, its {@code 退款批次号/请求号} our refund number).
     */
    static List<StatementLine> parseBillDetail(String csv) {
        List<StatementLine> statement = new ArrayList<>();
        List<String> header = null;
        for (String raw : csv.replace("\r", "").split("\n")) {
            String line = raw.replace("\uFEFF", "");
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (header == null) {
                header = List.of(fields).stream().map(String::strip).toList();
                continue;
            }
            String kind = field(fields, header.indexOf("业务类型"));
            String orderNo = field(fields, header.indexOf("商户订单号"));
            String txn = field(fields, header.indexOf("支付宝交易号"));
            Money amount = Money.of(field(fields, header.indexOf("订单金额（元）")));
            if ("交易".equals(kind)) {
                statement.add(new StatementLine(orderNo, null, txn, amount));
            } else if ("退款".equals(kind)) {
                Money refunded = amount.isNegative() ? amount.negate() : amount;
                statement.add(
                        new StatementLine(orderNo, field(fields, header.indexOf("退款批次号/请求号")), txn, refunded.negate()));
            }
        }
        return statement;
    }

    private static String field(String[] fields, int index) {
        if (index < 0) {
            throw new IllegalStateException("Alipay's bill has an unexpected header");
        }
        return index < fields.length ? fields[index].strip() : "";
    }

    /** Whether the answer carried a signature (the SDK has checked any that does). */
    private static boolean signed(AlipayResponse response) {
        return response.getBody() != null && response.getBody().contains("\"sign\"");
    }

    private static Answer unknown(AlipayResponse response) {
        return new Answer(Status.UNKNOWN, null, reason(response));
    }

    private static Answer unknown(AlipayApiException e) {
        return new Answer(Status.UNKNOWN, null, e.getErrCode() != null ? e.getErrCode() : "no valid answer");
    }

    private static String reason(AlipayResponse response) {
        return response.getCode() + (response.getSubCode() == null ? "" : " " + response.getSubCode());
    }

    private static String subject(String description) {
        String subject = description == null || description.isBlank() ? "scan pay" : description;
        return subject.length() > SUBJECT_LENGTH ? subject.substring(0, SUBJECT_LENGTH) : subject;
    }
}
