package com.membercard.catalog;

import com.membercard.shared.BusinessException;
import com.membercard.shared.KeyValue;
import com.membercard.shared.Money;
import com.membercard.shared.PaymentType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The settings a POS reads at start-up (op15, op16), and the tenant's card policy. A tenant that
 * never saved any has the defaults: scan pay off; recharges by cash, WeChat, Alipay (online and
 * offline) and UnionPay; {@link CardPolicy#DEFAULT}.
 */
@Service
public class TenantSettings {

    /**
     * The one definition of the default: a tenant without a row reads it, and a row is always written
     * with its types (the column has no default in the schema).
     */
    private static final Set<PaymentType> DEFAULT_RECHARGE_TYPES = EnumSet.of(
            PaymentType.CASH,
            PaymentType.WECHAT,
            PaymentType.ALIPAY,
            PaymentType.WECHAT_OFFLINE,
            PaymentType.ALIPAY_OFFLINE,
            PaymentType.UNIONPAY);

    private final JdbcClient jdbc;

    TenantSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean scanPayEnabled(long tenantId) {
        return jdbc.sql("select scan_pay_enabled from tenant_setting where tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** The payment types a recharge may be paid with. */
    public Set<PaymentType> rechargePaymentTypes(long tenantId) {
        return jdbc.sql("select recharge_payment_types::int[] from tenant_setting where tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .query((rs, n) -> Arrays.stream((Integer[]) rs.getArray(1).getArray())
                        .map(PaymentType::ofCode)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(PaymentType.class))))
                .optional()
                .orElseGet(() -> EnumSet.copyOf(DEFAULT_RECHARGE_TYPES));
    }

    /** op16's shape: every payment type a recharge could use (all but the member card), allowed or not. */
    List<KeyValue<Boolean>> rechargePaymentTypeFlags(long tenantId) {
        Set<PaymentType> allowed = rechargePaymentTypes(tenantId);
        return PaymentType.all().stream()
                .filter(type -> type != PaymentType.MEMBER_CARD)
                .map(type -> new KeyValue<>(type.code(), allowed.contains(type)))
                .toList();
    }

    /** The tenant's card policy, {@link CardPolicy#DEFAULT} where it set none. */
    public CardPolicy cardPolicy(long tenantId) {
        return jdbc.sql("""
                        select min_secret_length, gift_without_plan, gift_without_plan_cap
                        from tenant_setting where tenant_id = :tenantId
                        """)
                .param("tenantId", tenantId)
                .query((rs, n) -> new CardPolicy(
                        Optional.ofNullable(rs.getObject("min_secret_length", Integer.class))
                                .orElse(CardPolicy.DEFAULT.minSecretLength()),
                        Optional.ofNullable(rs.getObject("gift_without_plan", Boolean.class))
                                .orElse(CardPolicy.DEFAULT.giftWithoutPlan()),
                        Optional.ofNullable(rs.getBigDecimal("gift_without_plan_cap"))
                                .map(Money::of)
                                .orElse(CardPolicy.DEFAULT.giftWithoutPlanCap())))
                .optional()
                .orElse(CardPolicy.DEFAULT);
    }

    /**
     * Sets the card policy as {@code PUT /settings/card-policy} asks (public for the console's page):
     * with {@code giftWithoutPlan} a cap above zero is required (400 naming it).
     */
    @Transactional
    public void setCardPolicy(long tenantId, CardPolicyRequest request) {
        Money cap = request.giftWithoutPlanCap() == null ? Money.ZERO : Money.of(request.giftWithoutPlanCap());
        if (request.giftWithoutPlan() && !cap.isPositive()) {
            throw BusinessException.invalid("giftWithoutPlanCap", "error.required");
        }
        CardPolicy policy = new CardPolicy(request.minSecretLength(), request.giftWithoutPlan(), cap);
        jdbc.sql("""
                        insert into tenant_setting (tenant_id, recharge_payment_types, min_secret_length,
                                                    gift_without_plan, gift_without_plan_cap)
                        values (:tenantId, :types, :minSecretLength, :giftWithoutPlan, :cap)
                        on conflict (tenant_id) do update set
                            min_secret_length = excluded.min_secret_length,
                            gift_without_plan = excluded.gift_without_plan,
                            gift_without_plan_cap = excluded.gift_without_plan_cap
                        """)
                .param("tenantId", tenantId)
                .param("types", defaultRechargeTypes())
                .param("minSecretLength", policy.minSecretLength())
                .param("giftWithoutPlan", policy.giftWithoutPlan())
                .param("cap", policy.giftWithoutPlanCap().amount())
                .update();
    }

    private static int[] defaultRechargeTypes() {
        return codes(DEFAULT_RECHARGE_TYPES);
    }

    private static int[] codes(Set<PaymentType> types) {
        return types.stream().mapToInt(PaymentType::code).toArray();
    }

    @Transactional
    // public for the admin console's settings page, as setRechargePaymentTypes already was
    public void setScanPayEnabled(long tenantId, boolean enabled) {
        jdbc.sql("""
                        insert into tenant_setting (tenant_id, scan_pay_enabled, recharge_payment_types)
                        values (:tenantId, :enabled, :types)
                        on conflict (tenant_id) do update set scan_pay_enabled = excluded.scan_pay_enabled
                        """)
                .param("tenantId", tenantId)
                .param("enabled", enabled)
                .param("types", defaultRechargeTypes())
                .update();
    }

    /** Sets the listed types' flags; types not listed keep theirs. */
    @Transactional
    public void setRechargePaymentTypes(long tenantId, List<KeyValue<Boolean>> flags) {
        Set<PaymentType> allowed = rechargePaymentTypes(tenantId);
        for (int i = 0; i < flags.size(); i++) {
            KeyValue<Boolean> flag = flags.get(i);
            PaymentType type = flag == null ? null : PaymentType.of(flag.key()).orElse(null);
            if (type == null || type == PaymentType.MEMBER_CARD) {
                throw BusinessException.invalid("[" + i + "].key", "error.paymentType");
            }
            if (flag.value() == null) {
                throw BusinessException.invalid("[" + i + "].value", "error.required");
            }
            if (flag.value()) {
                allowed.add(type);
            } else {
                allowed.remove(type);
            }
        }
        jdbc.sql("""
                        insert into tenant_setting (tenant_id, recharge_payment_types) values (:tenantId, :types)
                        on conflict (tenant_id) do update set recharge_payment_types = excluded.recharge_payment_types
                        """).param("tenantId", tenantId).param("types", codes(allowed)).update();
    }
}
