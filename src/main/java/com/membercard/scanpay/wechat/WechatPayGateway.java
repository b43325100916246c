package com.membercard.scanpay.wechat;

import com.github.binarywang.wxpay.bean.request.WxPayDownloadBillRequest;
import com.github.binarywang.wxpay.bean.request.WxPayMicropayRequest;
import com.github.binarywang.wxpay.bean.request.WxPayOrderQueryRequest;
import com.github.binarywang.wxpay.bean.request.WxPayOrderReverseRequest;
import com.github.binarywang.wxpay.bean.request.WxPayRefundQueryRequest;
import com.github.binarywang.wxpay.bean.request.WxPayRefundRequest;
import com.github.binarywang.wxpay.bean.result.BaseWxPayResult;
import com.github.binarywang.wxpay.bean.result.WxPayMicropayResult;
import com.github.binarywang.wxpay.bean.result.WxPayOrderQueryResult;
import com.github.binarywang.wxpay.bean.result.WxPayOrderReverseResult;
import com.github.binarywang.wxpay.bean.result.WxPayRefundQueryResult;
import com.github.binarywang.wxpay.bean.result.WxPayRefundResult;
import com.github.binarywang.wxpay.config.WxPayConfig;
import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.binarywang.wxpay.service.WxPayService;
import com.github.binarywang.wxpay.service.impl.WxPayServiceApacheHttpImpl;
import com.membercard.scanpay.PaymentGateway;
import com.membercard.shared.Money;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WeChat Pay's V2 API for payment codes ({@code micropay}), through {@code weixin-java-pay}:
 * {@code /pay/micropay}, {@code /pay/orderquery}, {@code /secapi/pay/reverse},
 * {@code /secapi/pay/refund}, {@code /pay/refundquery} and {@code /pay/downloadbill}. Requests are
 * signed with the merchant's API key (MD5 or HMAC-SHA256); an answer is believed only when its
 * signature checks (the SDK verifies a signed answer; one that should be signed and is not is taken
 * as no answer). Reverse and refund present the merchant's API certificate (PKCS12) when one is set.
 *
 * <p>How WeChat's answers map to {@link Status}: a {@code return_code} FAIL (the request itself was
 * refused: a wrong signature, a missing field) and the documented refusals are FAILED;
 * {@code USERPAYING} is PAYING; {@code AUTHCODEEXPIRE} is CODE_EXPIRED; {@code SYSTEMERROR},
 * {@code BANKERROR}, a timeout, a broken connection, an unsigned or badly signed answer and any code
 * not known here are UNKNOWN, never FAILED: an unknown order is followed up by a query.
 */
public final class WechatPayGateway implements PaymentGateway {

    /** WeChat Pay's address; the settings' URL replaces it (a local simulator in the tests). */
    public static final String DEFAULT_URL = "https://api.mch.weixin.qq.com";

    /**
     * A merchant's settings.
     *
     * @param certificate the API certificate ({@code apiclient_cert.p12}, its password the merchant id),
     *     or null: then reverse and refund go out without one, as only a simulator accepts
     */
    public record Settings(
            String appId,
            String merchantId,
            String merchantKey,
            String signType,
            String url,
            byte[] certificate,
            Duration connectTimeout,
            Duration readTimeout) {

        @Override
        public String toString() {
            return "WechatPay.Settings[appId=" + appId + ", merchantId=" + merchantId + ", url=" + url + "]";
        }
    }

    /** Codes that say for certain nothing was charged. */
    private static final Set<String> PAY_REFUSED = Set.of(
            "NOTENOUGH",
            "NOTSUPORTCARD",
            "AUTH_CODE_ERROR",
            "AUTH_CODE_INVALID",
            "PARAM_ERROR",
            "ORDERCLOSED",
            "ORDERREVERSED",
            "NOAUTH",
            "APPID_NOT_EXIST",
            "MCHID_NOT_EXIST",
            "APPID_MCHID_NOT_MATCH",
            "LACK_PARAMS",
            "SIGNERROR",
            "XML_FORMAT_ERROR",
            "REQUIRE_POST_METHOD",
            "POST_DATA_EMPTY",
            "NOT_UTF8",
            "BUYER_MISMATCH",
            "INVALID_REQUEST",
            "TRADE_ERROR");
    /** Codes that say for certain the refund was not made. */
    private static final Set<String> REFUND_REFUSED = Set.of(
            "NOTENOUGH",
            "TRADE_OVERDUE",
            "ERROR",
            "USER_ACCOUNT_ABNORMAL",
            "INVALID_TRANSACTIONID",
            "PARAM_ERROR",
            "APPID_NOT_EXIST",
            "MCHID_NOT_EXIST",
            "ORDERNOTEXIST",
            "NOAUTH",
            "SIGNERROR",
            "XML_FORMAT_ERROR",
            "REQUIRE_POST_METHOD",
            "POST_DATA_EMPTY",
            "NOT_UTF8");

    private static final DateTimeFormatter BILL_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    /** WeChat wants the address of the machine that took the payment; the till's is not known here. */
    private static final String TERMINAL_IP = "127.0.0.1";
    /** {@code body} is at most 128 bytes. */
    private static final int BODY_BYTES = 128;

    private final WxPayService service;

    public WechatPayGateway(Settings settings) {
        WxPayConfig config = new WxPayConfig();
        config.setAppId(settings.appId());
        config.setMchId(settings.merchantId());
        config.setMchKey(settings.merchantKey());
        config.setSignType(settings.signType());
        config.setApiHostUrl(stripTrailingSlash(settings.url()));
        config.setHttpConnectionTimeout((int) settings.connectTimeout().toMillis());
        config.setHttpTimeout((int) settings.readTimeout().toMillis());
        if (settings.certificate() != null) {
            config.setKeyContent(settings.certificate());
        } else {
            try {
                // no certificate: the calls that need one go out as plain as the others
                config.setSslHttpClient(config.initHttpClient());
            } catch (WxPayException e) {
                throw new IllegalStateException("WeChat Pay client not built", e);
            }
        }
        WxPayServiceApacheHttpImpl wxPay = new WxPayServiceApacheHttpImpl();
        wxPay.setConfig(config);
        this.service = wxPay;
    }

    @Override
    public Answer pay(String orderNo, String payCode, Money money, String description) {
        WxPayMicropayRequest request = new WxPayMicropayRequest();
        request.setBody(truncate(description));
        request.setOutTradeNo(orderNo);
        request.setTotalFee(fen(money));
        request.setSpbillCreateIp(TERMINAL_IP);
        request.setAuthCode(payCode);
        try {
            WxPayMicropayResult result = service.micropay(request);
            return signed(result)
                    ? new Answer(Status.SUCCESS, result.getTransactionId(), null)
                    : unsigned(result.getResultCode());
        } catch (WxPayException e) {
            String code = e.getErrCode();
            if (isRefusedWhole(e)) {
                return new Answer(Status.FAILED, null, "return_code FAIL");
            }
            if (code == null || !signedFailure(e)) {
                return unknown(e);
            }
            return switch (code) {
                case "USERPAYING" -> new Answer(Status.PAYING, null, code);
                case "AUTHCODEEXPIRE" -> new Answer(Status.CODE_EXPIRED, null, code);
                default -> PAY_REFUSED.contains(code) ? new Answer(Status.FAILED, null, code) : unknown(e);
            };
        }
    }

    @Override
    public Answer query(String orderNo) {
        WxPayOrderQueryRequest request = new WxPayOrderQueryRequest();
        request.setOutTradeNo(orderNo);
        try {
            WxPayOrderQueryResult result = service.queryOrder(request);
            if (!signed(result)) {
                return unsigned(result.getResultCode());
            }
            String state = result.getTradeState() == null ? "" : result.getTradeState();
            return switch (state) {
                case "SUCCESS", "REFUND" -> new Answer(Status.SUCCESS, result.getTransactionId(), state);
                case "USERPAYING", "NOTPAY" -> new Answer(Status.PAYING, null, state);
                case "CLOSED", "REVOKED" -> new Answer(Status.REVERSED, null, state);
                case "PAYERROR" -> new Answer(Status.FAILED, null, state);
                default -> new Answer(Status.UNKNOWN, null, "trade_state " + state);
            };
        } catch (WxPayException e) {
            if ("ORDERNOTEXIST".equals(e.getErrCode()) && signedFailure(e)) {
                return new Answer(Status.NOT_FOUND, null, e.getErrCode());
            }
            return unknown(e);
        }
    }

    @Override
    public Answer reverse(String orderNo) {
        WxPayOrderReverseRequest request = new WxPayOrderReverseRequest();
        request.setOutTradeNo(orderNo);
        try {
            WxPayOrderReverseResult result = service.reverseOrder(request);
            if (!signed(result)) {
                return unsigned(result.getResultCode());
            }
            // recall=Y: WeChat asks for the reverse to be sent again
            return "N".equals(result.getIsRecall())
                    ? new Answer(Status.SUCCESS, null, null)
                    : new Answer(Status.UNKNOWN, null, "recall " + result.getIsRecall());
        } catch (WxPayException e) {
            if (e.getErrCode() != null && signedFailure(e)) {
                return switch (e.getErrCode()) {
                    // never there: nothing can stay charged
                    case "ORDERNOTEXIST" -> new Answer(Status.SUCCESS, null, e.getErrCode());
                    case "REVERSE_EXPIRE" -> new Answer(Status.FAILED, null, e.getErrCode());
                    default -> unknown(e);
                };
            }
            return unknown(e);
        }
    }

    /**
     * Asks for the refund, then at once where it stands: WeChat accepts a refund first and makes it
     * moments later, so an accepted refund is SUCCESS only once the refund query says so (UNKNOWN
     * until then, for the caller to ask again with {@link #refundQuery}).
     */
    @Override
    public Answer refund(String orderNo, String refundNo, Money total, Money money) {
        WxPayRefundRequest request = new WxPayRefundRequest();
        request.setOutTradeNo(orderNo);
        request.setOutRefundNo(refundNo);
        request.setTotalFee(fen(total));
        request.setRefundFee(fen(money));
        try {
            WxPayRefundResult result = service.refund(request);
            if (!signed(result)) {
                return unsigned(result.getResultCode());
            }
            Answer now = refundQuery(orderNo, refundNo);
            return now.status() == Status.SUCCESS || now.status() == Status.FAILED
                    ? now
                    : new Answer(Status.UNKNOWN, result.getRefundId(), "accepted, " + now.message());
        } catch (WxPayException e) {
            if (isRefusedWhole(e)) {
                return new Answer(Status.FAILED, null, "return_code FAIL");
            }
            String code = e.getErrCode();
            return code != null && signedFailure(e) && REFUND_REFUSED.contains(code)
                    ? new Answer(Status.FAILED, null, code)
                    : unknown(e);
        }
    }

    @Override
    public Answer refundQuery(String orderNo, String refundNo) {
        WxPayRefundQueryRequest request = new WxPayRefundQueryRequest();
        request.setOutTradeNo(orderNo);
        request.setOutRefundNo(refundNo);
        try {
            WxPayRefundQueryResult result = service.refundQuery(request);
            if (!signed(result)) {
                return unsigned(result.getResultCode());
            }
            List<WxPayRefundQueryResult.RefundRecord> records =
                    result.getRefundRecords() == null ? List.of() : result.getRefundRecords();
            return records.stream()
                    .filter(r -> refundNo.equals(r.getOutRefundNo()))
                    .findFirst()
                    .map(r -> switch (r.getRefundStatus() == null ? "" : r.getRefundStatus()) {
                        case "SUCCESS" -> new Answer(Status.SUCCESS, r.getRefundId(), null);
                        case "REFUNDCLOSE" -> new Answer(Status.FAILED, r.getRefundId(), "REFUNDCLOSE");
                        // PROCESSING; CHANGE: the money could not go back and waits for the merchant
                        default -> new Answer(Status.UNKNOWN, r.getRefundId(), r.getRefundStatus());
                    })
                    .orElse(new Answer(Status.NOT_FOUND, null, "no such refund"));
        } catch (WxPayException e) {
            if ("REFUNDNOTEXIST".equals(e.getErrCode()) && signedFailure(e)) {
                return new Answer(Status.NOT_FOUND, null, e.getErrCode());
            }
            return unknown(e);
        }
    }

    /** The day's bill of every transaction ({@code bill_type=ALL}); none on a day without any. */
    @Override
    public List<StatementLine> statement(LocalDate day) {
        WxPayDownloadBillRequest request = new WxPayDownloadBillRequest();
        request.setBillDate(BILL_DATE.format(day));
        request.setBillType("ALL");
        String bill;
        try {
            bill = service.downloadRawBill(request);
        } catch (WxPayException e) {
            if (e.getReturnMsg() != null && e.getReturnMsg().contains("No Bill Exist")) {
                return List.of();
            }
            throw new IllegalStateException("WeChat Pay's bill of " + day + " is not available: " + reason(e));
        }
        return parseBill(bill);
    }

    /**
     * The lines of a bill of type ALL: a header line, then one line per transaction with every field
     * led by a backquote, then the totals from the line starting {@code 总交易单数}. A paid order is
     * a line of state SUCCESS (its settled amount); a refund one of state REFUND (its refund number
     * and amount).
     */
    static List<StatementLine> parseBill(String bill) {
        String[] lines = bill.replace("\r", "").split("\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            return List.of();
        }
        List<String> header = List.of(lines[0].replace("\uFEFF", "").split(","));
        Map<String, Integer> column = Map.of(
                "txn", header.indexOf("微信订单号"),
                "order", header.indexOf("商户订单号"),
                "state", header.indexOf("交易状态"),
                "total", header.indexOf("应结订单金额"),
                "refundNo", header.indexOf("商户退款单号"),
                "refund", header.indexOf("退款金额"));
        if (column.containsValue(-1)) {
            throw new IllegalStateException("WeChat Pay's bill has an unexpected header");
        }
        List<StatementLine> statement = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith("总交易单数")) {
                break;
            }
            if (lines[i].isBlank()) {
                continue;
            }
            String[] fields = lines[i].split(",", -1);
            String state = field(fields, column.get("state"));
            if ("SUCCESS".equals(state)) {
                statement.add(new StatementLine(
                        field(fields, column.get("order")),
                        null,
                        field(fields, column.get("txn")),
                        Money.of(field(fields, column.get("total")))));
            } else if ("REFUND".equals(state)) {
                statement.add(new StatementLine(
                        field(fields, column.get("order")),
                        field(fields, column.get("refundNo")),
                        field(fields, column.get("txn")),
                        Money.of(field(fields, column.get("refund"))).negate()));
            }
        }
        return statement;
    }

    private static String field(String[] fields, int index) {
        String value = index < fields.length ? fields[index].strip() : "";
        return value.startsWith("`") ? value.substring(1) : value;
    }

    /** A signed answer: the SDK has checked the signature of any answer that carries one. */
    private static boolean signed(BaseWxPayResult result) {
        return result.getSign() != null && !result.getSign().isEmpty();
    }

    /** A business failure WeChat signed (a result code of FAIL comes signed; one without a signature is not believed). */
    private static boolean signedFailure(WxPayException e) {
        return e.getXmlString() != null && e.getXmlString().contains("<sign>");
    }

    /** {@code return_code} FAIL: the request was refused as a whole (WeChat does not sign these). */
    private static boolean isRefusedWhole(WxPayException e) {
        return "FAIL".equals(e.getReturnCode());
    }

    private static Answer unsigned(String resultCode) {
        return new Answer(Status.UNKNOWN, null, "unsigned answer " + resultCode);
    }

    private static Answer unknown(WxPayException e) {
        return new Answer(Status.UNKNOWN, null, reason(e));
    }

    /** What may be kept of a failure: WeChat's codes, never the request (it holds the payment code). */
    private static String reason(WxPayException e) {
        if (e.getErrCode() != null) {
            return e.getErrCode();
        }
        if (e.getReturnCode() != null) {
            return "return_code " + e.getReturnCode();
        }
        return e.getCause() == null
                ? "no valid answer"
                : e.getCause().getClass().getSimpleName();
    }

    private static int fen(Money money) {
        return money.amount().movePointRight(2).intValueExact();
    }

    private static String truncate(String description) {
        String body = description == null || description.isBlank() ? "scan pay" : description;
        while (body.getBytes(StandardCharsets.UTF_8).length > BODY_BYTES) {
            body = body.substring(0, body.length() - 1);
        }
        return body;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
