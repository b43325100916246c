package com.membercard.reliability.attack;

import com.membercard.reliability.attack.TargetTenant.Who;
import com.membercard.support.AdminResource;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.TillFixture.TestCard;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One request per way into the API, aimed at a target tenant's objects: the table that the role
 * attacks and the cross-tenant attacks run through. {@code request} builds it from the target (whose
 * ids, card codes, secrets, orders and serials it names) and from the attacker's own tenant (whose
 * card it uses where an attacker would: redeeming the target's gift with one's own card).
 *
 * @param operation the OpenAPI operation it goes through, {@code "GET /api/v1/members/{id}"}
 * @param allowed who the access rules let through
 * @param otherTenantGets the business codes another tenant may get: the documented refusal, or 200
 *     where the operation works on the caller's own tenant (a list, a create) and so must show and
 *     change nothing of the target
 * @param endsSession whether it ends the caller's session (sign-out), so it is sent on a fresh one
 */
record Attack(
        String operation,
        Set<Who> allowed,
        Set<Integer> otherTenantGets,
        boolean endsSession,
        BiFunction<TargetTenant, TargetTenant, Request> request) {

    /** A request as sent. */
    record Request(String method, String path, Object body) {

        Api.Response sendAs(Api caller) {
            return caller.send(method, path, body);
        }
    }

    private static final Set<Who> ANYONE = EnumSet.allOf(Who.class);
    private static final Set<Who> EVERYONE = EnumSet.of(Who.PLATFORM_ADMIN, Who.TENANT_ADMIN, Who.CASHIER, Who.AUDITOR);
    private static final Set<Who> TENANT_ROLES = EnumSet.of(Who.TENANT_ADMIN, Who.CASHIER, Who.AUDITOR);
    private static final Set<Who> ADMIN = EnumSet.of(Who.TENANT_ADMIN);
    private static final Set<Who> TILL = EnumSet.of(Who.TENANT_ADMIN, Who.CASHIER);
    private static final Set<Who> PLATFORM = EnumSet.of(Who.PLATFORM_ADMIN);
    private static final Set<Integer> OWN_TENANT_ONLY = Set.of(200);
    private static final Set<Integer> NOT_FOUND = Set.of(404);
    private static final Set<Integer> NO_SUCH_CARD = Set.of(602);
    private static final Set<Integer> FORBIDDEN = Set.of(403);
    /** a body naming another tenant's row (a class, a payment record) names one that does not exist */
    private static final Set<Integer> UNKNOWN_REFERENCE = Set.of(400);
    /** what any payment code that does not exist gets */
    private static final Set<Integer> NO_SUCH_PAY_CODE = Set.of(606);

    @Override
    public String toString() {
        return operation;
    }

    /** The business code of an envelope, or the HTTP status of a query's bare body (a list, a page). */
    static int outcome(Api.Response answer) {
        boolean envelope = answer.body().has("status") && answer.body().has("message");
        return envelope ? answer.status() : answer.http();
    }

    private static Attack attack(
            String operation,
            Set<Who> allowed,
            Set<Integer> otherTenantGets,
            BiFunction<TargetTenant, TargetTenant, Request> request) {
        return new Attack(operation, allowed, otherTenantGets, false, request);
    }

    /** The whole table: at least one attack per operation of the API (AttackCoverageTest checks). */
    static List<Attack> all() {
        List<Attack> attacks = new ArrayList<>();
        // sign-in and sign-out: a caller signs in as itself, signs out of its own session only
        attacks.add(attack(
                "POST /api/v1/auth/login",
                ANYONE,
                OWN_TENANT_ONLY,
                (target, own) -> post(
                        "/api/v1/auth/login",
                        Map.of("username", own.till.tenant.adminUsername(), "password", TargetTenant.ADMIN_PASSWORD))));
        attacks.add(new Attack(
                "POST /api/v1/auth/logout",
                EVERYONE,
                OWN_TENANT_ONLY,
                true,
                (target, own) -> post("/api/v1/auth/logout", Map.of())));
        // changing one's own password takes a login token (the keys of the cashier and auditor here
        // have none to change); a wrong current password changes nothing and answers 421
        attacks.add(attack(
                "POST /api/v1/auth/password",
                EnumSet.of(Who.PLATFORM_ADMIN, Who.TENANT_ADMIN),
                Set.of(421),
                (target, own) -> post(
                        "/api/v1/auth/password",
                        Map.of("currentPassword", "not-the-password", "newPassword", "another-password"))));
        // the platform's tenants
        attacks.add(attack("GET /api/v1/tenants", PLATFORM, FORBIDDEN, (target, own) -> get("/api/v1/tenants")));
        attacks.add(attack(
                "GET /api/v1/tenants/{id}", PLATFORM, FORBIDDEN, (target, own) -> get("/api/v1/tenants/" + target.id)));
        attacks.add(attack(
                "PUT /api/v1/tenants/{id}",
                PLATFORM,
                FORBIDDEN,
                (target, own) -> put("/api/v1/tenants/" + target.id, Map.of("name", "改名"))));
        attacks.add(attack(
                "POST /api/v1/tenants",
                PLATFORM,
                FORBIDDEN,
                (target, own) -> post(
                        "/api/v1/tenants",
                        Map.of(
                                "name",
                                Fixtures.unique("t"),
                                "adminUsername",
                                Fixtures.unique("u"),
                                "adminPassword",
                                "secret-123"))));
        // a tenant's move: a node that cannot exist, so that the platform's own attempt moves nothing
        attacks.add(attack(
                "POST /api/v1/tenants/{id}/move",
                PLATFORM,
                FORBIDDEN,
                (target, own) -> post("/api/v1/tenants/" + target.id + "/move", Map.of("node", -1))));
        attacks.add(attack(
                "GET /api/v1/tenants/{id}/move",
                PLATFORM,
                FORBIDDEN,
                (target, own) -> get("/api/v1/tenants/" + target.id + "/move")));
        // catalogue, shops, operators, keys: read, create, update and delete each by id
        for (AdminResource resource : AdminResource.ALL) {
            String path = resource.path();
            boolean adminOnly = path.endsWith("/operators") || path.endsWith("/api-keys");
            Set<Who> readers = adminOnly ? ADMIN : TENANT_ROLES;
            attacks.add(attack("GET " + path, readers, OWN_TENANT_ONLY, (target, own) -> get(path)));
            attacks.add(attack(
                    "GET " + path + "/{id}", readers, NOT_FOUND, (target, own) -> get(path + "/" + target.id(path))));
            attacks.add(attack(
                    "PUT " + path + "/{id}",
                    ADMIN,
                    NOT_FOUND,
                    (target, own) -> put(path + "/" + target.id(path), resource.newBody())));
            attacks.add(attack(
                    "DELETE " + path + "/{id}",
                    ADMIN,
                    NOT_FOUND,
                    (target, own) -> delete(path + "/" + target.id(path))));
            // operators and keys may name a shop: the target's is not the caller's
            attacks.add(attack(
                    "POST " + path,
                    ADMIN,
                    adminOnly ? NOT_FOUND : OWN_TENANT_ONLY,
                    (target, own) -> post(
                            path, adminOnly ? with(resource.newBody(), "shopId", target.shopId) : resource.newBody())));
        }
        attacks.add(attack(
                "POST /api/v1/api-keys/{id}/reissue",
                ADMIN,
                NOT_FOUND,
                (target, own) -> post("/api/v1/api-keys/" + target.id("/api/v1/api-keys") + "/reissue", null)));
        for (String dictionary :
                List.of("card-statuses", "card-send-modes", "payment-types", "card-types", "sexes", "status-codes")) {
            attacks.add(attack(
                    "GET /api/v1/dicts/" + dictionary,
                    EVERYONE,
                    OWN_TENANT_ONLY,
                    (target, own) -> get("/api/v1/dicts/" + dictionary)));
        }
        // settings: each tenant its own
        attacks.add(attack(
                "GET /api/v1/settings/scan-pay-enabled",
                TENANT_ROLES,
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/settings/scan-pay-enabled")));
        attacks.add(attack(
                "PUT /api/v1/settings/scan-pay-enabled",
                ADMIN,
                OWN_TENANT_ONLY,
                (target, own) -> put("/api/v1/settings/scan-pay-enabled", "true")));
        // payment gateways: each tenant its own (a change here stays disabled, so no payment goes to it)
        attacks.add(attack(
                "GET /api/v1/payment-gateways",
                EnumSet.of(Who.TENANT_ADMIN, Who.AUDITOR),
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/payment-gateways")));
        attacks.add(attack(
                "GET /api/v1/payment-gateways/{gateway}",
                EnumSet.of(Who.TENANT_ADMIN, Who.AUDITOR),
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/payment-gateways/WECHAT")));
        attacks.add(attack(
                "PUT /api/v1/payment-gateways/{gateway}",
                ADMIN,
                OWN_TENANT_ONLY,
                (target, own) -> put(
                        "/api/v1/payment-gateways/WECHAT",
                        Map.of(
                                "enabled", false,
                                "appId", "wx2421b1c4370ec43b",
                                "merchantId", "10000100",
                                "merchantKey", "attackattackattackattackattack12",
                                "gatewayUrl", "http://127.0.0.1:9"))));
        attacks.add(attack(
                "GET /api/v1/settings/recharge-payment-types",
                TENANT_ROLES,
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/settings/recharge-payment-types")));
        attacks.add(attack(
                "PUT /api/v1/settings/recharge-payment-types",
                ADMIN,
                OWN_TENANT_ONLY,
                (target, own) ->
                        put("/api/v1/settings/recharge-payment-types", List.of(Map.of("key", 1, "value", true)))));
        attacks.add(attack(
                "GET /api/v1/settings/card-policy",
                TENANT_ROLES,
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/settings/card-policy")));
        attacks.add(attack(
                "PUT /api/v1/settings/card-policy",
                ADMIN,
                OWN_TENANT_ONLY,
                (target, own) -> put("/api/v1/settings/card-policy", Fixtures.GENEROUS_CARD_POLICY)));
        // a tenant named in the request is honoured for the platform only (op10, op04)
        attacks.add(attack(
                "GET /api/v1/card-classes/of-tenant",
                EVERYONE,
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/card-classes/of-tenant?tenantId=" + target.id)));
        attacks.add(attack(
                "GET /api/v1/members/by-class",
                EVERYONE,
                NOT_FOUND,
                (target, own) ->
                        get("/api/v1/members/by-class?classId=" + target.till.classId + "&tenantId=" + target.id)));
        // members: by id, by the target's card code, name and secret, and with the target's catalogue
        attacks.add(attack(
                "GET /api/v1/members",
                TENANT_ROLES,
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/members?keyword=" + target.card.code())));
        attacks.add(attack(
                "GET /api/v1/members/opened",
                TENANT_ROLES,
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/members/opened?keyword=" + target.canary)));
        attacks.add(attack(
                "GET /api/v1/members/search",
                TENANT_ROLES,
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/members/search?keyword=" + target.canary)));
        attacks.add(attack(
                "GET /api/v1/members/search",
                TENANT_ROLES,
                NO_SUCH_CARD,
                (target, own) -> get("/api/v1/members/search?mac=" + target.card.mac())));
        attacks.add(attack(
                "GET /api/v1/members/{id}",
                TENANT_ROLES,
                NOT_FOUND,
                (target, own) -> get("/api/v1/members/" + target.card.memberId())));
        attacks.add(attack(
                "PUT /api/v1/members/{id}",
                TILL,
                NOT_FOUND,
                (target, own) -> put("/api/v1/members/" + target.card.memberId(), own.memberBody())));
        attacks.add(attack(
                "POST /api/v1/members",
                TILL,
                UNKNOWN_REFERENCE,
                (target, own) -> post("/api/v1/members", target.memberBody())));
        // importing (op38): the target's catalogue is unknown to another tenant, its jobs are not found.
        // The file named does not exist: a job started by the allowed role would go on changing the
        // tenant's rows in the background while the next attack is checked
        attacks.add(attack(
                "POST /api/v1/members/import",
                ADMIN,
                UNKNOWN_REFERENCE,
                (target, own) -> post(
                        "/api/v1/members/import",
                        Map.of(
                                "filePath",
                                "absent-" + target.importFile,
                                "memberCardClassId",
                                target.till.classId,
                                "memberLevelId",
                                target.till.levelId))));
        attacks.add(attack(
                "POST /api/v1/members/import/upload",
                ADMIN,
                UNKNOWN_REFERENCE,
                (target, own) -> post("/api/v1/members/import/upload?memberCardClassId=" + target.till.classId, null)));
        attacks.add(attack(
                "GET /api/v1/members/import/template",
                ADMIN,
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/members/import/template")));
        attacks.add(attack(
                "GET /api/v1/import-jobs/{id}",
                ADMIN,
                NOT_FOUND,
                (target, own) -> get("/api/v1/import-jobs/" + target.importJobId)));
        attacks.add(attack(
                "GET /api/v1/import-jobs/{id}/errors",
                ADMIN,
                NOT_FOUND,
                (target, own) -> get("/api/v1/import-jobs/" + target.importJobId + "/errors")));
        attacks.add(attack(
                "GET /api/v1/import-jobs/{id}/drawn-secrets",
                ADMIN,
                NOT_FOUND,
                (target, own) -> get("/api/v1/import-jobs/" + target.importJobId + "/drawn-secrets")));
        // op40: the platform's; the body names the target as both source and target, which is refused
        // (a migration started by the allowed role would go on changing rows in the background)
        attacks.add(attack(
                "POST /api/v1/tenants/migrate-members",
                PLATFORM,
                FORBIDDEN,
                (target, own) -> post(
                        "/api/v1/tenants/migrate-members",
                        Map.of("tenantIdByMemberExport", target.id, "tenantIdByMemberImport", target.id))));
        attacks.add(attack(
                "GET /api/v1/tenants/{tenantId}/migrations/{jobId}",
                PLATFORM,
                FORBIDDEN,
                (target, own) -> get("/api/v1/tenants/" + target.id + "/migrations/" + target.importJobId)));
        attacks.add(attack(
                "GET /api/v1/tenants/{tenantId}/migrations/{jobId}/errors",
                PLATFORM,
                FORBIDDEN,
                (target, own) ->
                        get("/api/v1/tenants/" + target.id + "/migrations/" + target.importJobId + "/errors")));
        // cards: by the target's code, secret, payment code
        attacks.add(attack(
                "GET /api/v1/cards",
                TENANT_ROLES,
                NO_SUCH_CARD,
                (target, own) -> get("/api/v1/cards?cardCode=" + target.card.code() + "&mac=" + target.card.mac())));
        attacks.add(attack(
                "GET /api/v1/cards",
                TENANT_ROLES,
                NO_SUCH_CARD,
                (target, own) -> get("/api/v1/cards?cardCode=" + target.card.code())));
        attacks.add(attack(
                "GET /api/v1/cards",
                TENANT_ROLES,
                NO_SUCH_CARD,
                (target, own) -> get("/api/v1/cards?mac=" + target.card.mac())));
        attacks.add(attack(
                "GET /api/v1/cards/{cardCode}/transactions",
                TENANT_ROLES,
                NO_SUCH_CARD,
                (target, own) -> get("/api/v1/cards/" + target.card.code() + "/transactions")));
        attacks.add(attack(
                "GET /api/v1/cards/pay-info",
                TENANT_ROLES,
                NO_SUCH_CARD,
                (target, own) ->
                        get("/api/v1/cards/pay-info?cardCode=" + target.card.code() + "&mac=" + target.card.mac())));
        attacks.add(attack(
                "GET /api/v1/cards/pay-info/by-mac",
                TENANT_ROLES,
                NO_SUCH_CARD,
                (target, own) -> get("/api/v1/cards/pay-info/by-mac?mac=" + target.card.mac())));
        attacks.add(attack(
                "GET /api/v1/cards/pay-info/by-mac",
                TENANT_ROLES,
                NO_SUCH_PAY_CODE,
                (target, own) -> get("/api/v1/cards/pay-info/by-mac?mac=" + target.payCode())));
        attacks.add(attack(
                "POST /api/v1/cards/pay-code",
                TILL,
                NO_SUCH_CARD,
                (target, own) ->
                        post("/api/v1/cards/pay-code", Map.of("code", target.card.code(), "mac", target.card.mac()))));
        attacks.add(attack(
                "POST /api/v1/cards/pin",
                TILL,
                NO_SUCH_CARD,
                (target, own) -> post(
                        "/api/v1/cards/pin",
                        Map.of(
                                "cardCode",
                                target.card.code(),
                                "mac",
                                target.card.mac(),
                                "password",
                                "8642",
                                "timestamp",
                                Fixtures.unique("pin")))));
        attacks.add(attack(
                "POST /api/v1/cards/pin/clear",
                ADMIN,
                NO_SUCH_CARD,
                (target, own) -> post(
                        "/api/v1/cards/pin/clear",
                        Map.of("cardCode", target.card.code(), "timestamp", Fixtures.unique("clear")))));
        attacks.add(attack(
                "POST /api/v1/cards/report-loss",
                TILL,
                NO_SUCH_CARD,
                (target, own) -> post(
                        "/api/v1/cards/report-loss",
                        Map.of("cardCode", target.card.code(), "timestamp", Fixtures.unique("loss")))));
        attacks.add(attack(
                "POST /api/v1/cards/cancel-loss",
                TILL,
                NO_SUCH_CARD,
                (target, own) -> post(
                        "/api/v1/cards/cancel-loss",
                        Map.of(
                                "cardCode",
                                target.lostCard.code(),
                                "mac",
                                target.lostCard.mac(),
                                "timestamp",
                                Fixtures.unique("found")))));
        attacks.add(attack(
                "POST /api/v1/cards/void",
                TILL,
                NO_SUCH_CARD,
                (target, own) -> post(
                        "/api/v1/cards/void",
                        Map.of("cardCode", target.emptyCard.code(), "timestamp", Fixtures.unique("void")))));
        attacks.add(attack(
                "POST /api/v1/cards/replace",
                TILL,
                NO_SUCH_CARD,
                (target, own) -> post(
                        "/api/v1/cards/replace",
                        Map.of(
                                "cardCode",
                                Fixtures.unique("new"),
                                "mac",
                                Fixtures.unique("new-secret"),
                                "oldCardCode",
                                target.card.code(),
                                "oldMac",
                                target.card.mac(),
                                "timestamp",
                                Fixtures.unique("replace")))));
        attacks.add(attack(
                "POST /api/v1/cards/return",
                TILL,
                NO_SUCH_CARD,
                (target, own) -> post(
                        "/api/v1/cards/return",
                        with(secret(target.card), "paymentType", 1, "timestamp", Fixtures.unique("return")))));
        // money: on the target's card, or on one's own card with the target's order, plan, recharge,
        // payment record or gift
        attacks.add(attack(
                "POST /api/v1/card-payments",
                TILL,
                NO_SUCH_CARD,
                (target, own) -> post(
                        "/api/v1/card-payments",
                        with(secret(target.card), "money", "1.00", "code", Fixtures.unique("order")))));
        attacks.add(attack(
                "POST /api/v1/card-payments",
                TILL,
                NO_SUCH_PAY_CODE,
                (target, own) -> post(
                        "/api/v1/card-payments",
                        Map.of("mac", target.payCode(), "money", "1.00", "code", Fixtures.unique("order")))));
        attacks.add(attack(
                "POST /api/v1/card-payments/refund",
                TILL,
                NO_SUCH_CARD,
                (target, own) -> post(
                        "/api/v1/card-payments/refund",
                        with(secret(target.card), "money", "1.00", "code", target.orderCode))));
        attacks.add(attack(
                "POST /api/v1/card-payments/refund",
                TILL,
                NOT_FOUND,
                (target, own) -> post(
                        "/api/v1/card-payments/refund",
                        with(secret(own.card), "money", "1.00", "code", target.orderCode))));
        // scan pay: a payment is the caller's own; the target's order (a scan payment too) is not seen
        attacks.add(attack(
                "POST /api/v1/scan-payments",
                TILL,
                OWN_TENANT_ONLY,
                (target, own) -> post(
                        "/api/v1/scan-payments",
                        Map.of(
                                "payCode",
                                "134567890123456700",
                                "orderCode",
                                Fixtures.unique("scan"),
                                "money",
                                "1.00"))));
        attacks.add(attack(
                "POST /api/v1/scan-payments/refund",
                TILL,
                NOT_FOUND,
                (target, own) ->
                        post("/api/v1/scan-payments/refund", Map.of("orderCode", target.orderCode, "money", "1.00"))));
        attacks.add(attack(
                "GET /api/v1/scan-payments/reconciliation",
                ADMIN,
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/scan-payments/reconciliation?date=" + java.time.LocalDate.now())));
        attacks.add(attack(
                "POST /api/v1/scan-payments/{orderCode}/query",
                TILL,
                NOT_FOUND,
                (target, own) -> post("/api/v1/scan-payments/" + target.orderCode + "/query", Map.of())));
        attacks.add(attack(
                "POST /api/v1/recharges",
                TILL,
                NO_SUCH_CARD,
                (target, own) -> post("/api/v1/recharges", recharge(target, null))));
        attacks.add(attack(
                "POST /api/v1/recharges",
                TILL,
                NOT_FOUND,
                (target, own) -> post("/api/v1/recharges", recharge(own, target.id("/api/v1/recharge-plans")))));
        attacks.add(attack(
                "GET /api/v1/recharges/refund-draft",
                TENANT_ROLES,
                NO_SUCH_CARD,
                (target, own) -> get("/api/v1/recharges/refund-draft?cardCode=" + target.card.code())));
        attacks.add(attack(
                "POST /api/v1/recharges/refund",
                TILL,
                NO_SUCH_CARD,
                (target, own) -> post("/api/v1/recharges/refund", rechargeRefund(target, target.rechargeCode))));
        attacks.add(attack(
                "POST /api/v1/recharges/refund",
                TILL,
                NOT_FOUND,
                (target, own) -> post("/api/v1/recharges/refund", rechargeRefund(own, target.rechargeCode))));
        attacks.add(attack(
                "GET /api/v1/balance-refunds/draft",
                TENANT_ROLES,
                NO_SUCH_CARD,
                (target, own) -> get("/api/v1/balance-refunds/draft?cardCode=" + target.card.code())));
        attacks.add(attack(
                "POST /api/v1/balance-refunds",
                TILL,
                NO_SUCH_CARD,
                (target, own) -> post("/api/v1/balance-refunds", balanceRefund(target, target.recordId))));
        attacks.add(attack(
                "POST /api/v1/balance-refunds",
                TILL,
                UNKNOWN_REFERENCE,
                (target, own) -> post("/api/v1/balance-refunds", balanceRefund(own, target.recordId))));
        attacks.add(attack(
                "POST /api/v1/balance-refunds/original-route",
                TILL,
                NO_SUCH_CARD,
                (target, own) ->
                        post("/api/v1/balance-refunds/original-route", balanceRefund(target, target.recordId))));
        attacks.add(attack(
                "POST /api/v1/balance-refunds/original-route",
                TILL,
                UNKNOWN_REFERENCE,
                (target, own) -> post("/api/v1/balance-refunds/original-route", balanceRefund(own, target.recordId))));
        attacks.add(attack(
                "POST /api/v1/gifts/redeem",
                TILL,
                NO_SUCH_CARD,
                (target, own) -> post("/api/v1/gifts/redeem", redeem(target, own.giftId()))));
        attacks.add(attack(
                "POST /api/v1/gifts/redeem",
                TILL,
                Set.of(608),
                (target, own) -> post("/api/v1/gifts/redeem", redeem(own, target.giftId()))));
        // the security event log: B's administrator naming A reads B's own events; the platform reads A's
        attacks.add(attack(
                "GET /api/v1/security-events",
                EnumSet.of(Who.PLATFORM_ADMIN, Who.TENANT_ADMIN),
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/security-events?pageSize=500&tenantId=" + target.id)));
        attacks.add(attack(
                "GET /api/v1/security-events",
                EnumSet.of(Who.PLATFORM_ADMIN, Who.TENANT_ADMIN),
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/security-events?kind=CARD_LOCKED")));
        attacks.add(attack(
                "GET /api/v1/ledger/reconciliation",
                EnumSet.of(Who.TENANT_ADMIN, Who.AUDITOR),
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/ledger/reconciliation")));
        // day-end: another tenant's shop is no shop (404), for closing and for reading alike; a
        // past day, so that closing it in the caller's own tenant moves no bill of today
        attacks.add(attack(
                "POST /api/v1/day-end",
                TILL,
                NOT_FOUND,
                (target, own) ->
                        post("/api/v1/day-end", Map.of("shopId", target.shopId, "businessDate", "2025-01-01"))));
        attacks.add(attack(
                "GET /api/v1/day-end",
                TENANT_ROLES,
                NOT_FOUND,
                (target, own) -> get("/api/v1/day-end?shopId=" + target.shopId + "&businessDate=2025-01-01")));
        attacks.add(attack(
                "GET /api/v1/day-end/days",
                TENANT_ROLES,
                NOT_FOUND,
                (target, own) -> get("/api/v1/day-end/days?shopId=" + target.shopId)));
        // the automatic day-end: a tenant's own setting only (switched off here: a close running in
        // the background would move the attacking tenant's bills on to the next day)
        attacks.add(attack(
                "GET /api/v1/day-end/schedule",
                TENANT_ROLES,
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/day-end/schedule")));
        attacks.add(attack(
                "PUT /api/v1/day-end/schedule",
                ADMIN,
                OWN_TENANT_ONLY,
                (target, own) ->
                        put("/api/v1/day-end/schedule", java.util.Collections.singletonMap("closeHour", null))));
        // reports: another tenant's shop is no shop; without one, a report covers the caller's own
        // tenant only (its .xlsx likewise)
        Set<Who> readers = EnumSet.of(Who.TENANT_ADMIN, Who.AUDITOR);
        attacks.add(attack(
                "GET /api/v1/reports/{subject}",
                readers,
                NOT_FOUND,
                (target, own) -> get("/api/v1/reports/card-payments?shopId=" + target.shopId)));
        attacks.add(attack(
                "GET /api/v1/reports/{subject}",
                readers,
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/reports/recharges?groupBy=shop")));
        attacks.add(attack(
                "GET /api/v1/reports/{subject}/xlsx",
                readers,
                NOT_FOUND,
                (target, own) -> get("/api/v1/reports/refunds/xlsx?shopId=" + target.shopId)));
        attacks.add(attack(
                "GET /api/v1/reports/new-members",
                readers,
                NOT_FOUND,
                (target, own) -> get("/api/v1/reports/new-members?shopId=" + target.shopId)));
        attacks.add(attack(
                "GET /api/v1/reports/new-members/xlsx",
                readers,
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/reports/new-members/xlsx?groupBy=shop")));
        attacks.add(attack(
                "GET /api/v1/reports/day-ends",
                readers,
                NOT_FOUND,
                (target, own) -> get("/api/v1/reports/day-ends?shopId=" + target.shopId)));
        attacks.add(attack(
                "GET /api/v1/reports/day-ends/xlsx",
                readers,
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/reports/day-ends/xlsx")));
        attacks.add(attack(
                "GET /api/v1/reports/bills",
                readers,
                NOT_FOUND,
                (target, own) -> get("/api/v1/reports/bills?shopId=" + target.shopId)));
        attacks.add(attack(
                "GET /api/v1/reports/bills",
                readers,
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/reports/bills?pageSize=500")));
        attacks.add(attack(
                "GET /api/v1/reports/bills/xlsx",
                readers,
                NOT_FOUND,
                (target, own) -> get("/api/v1/reports/bills/xlsx?shopId=" + target.shopId)));
        attacks.add(attack(
                "GET /api/v1/reports/liability",
                readers,
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/reports/liability")));
        attacks.add(attack(
                "GET /api/v1/reports/liability/xlsx",
                readers,
                OWN_TENANT_ONLY,
                (target, own) -> get("/api/v1/reports/liability/xlsx")));
        return attacks;
    }

    /** A card's code with its secret: what a till sends to prove it. */
    static Map<String, Object> secret(TestCard card) {
        return Map.of("cardCode", card.code(), "mac", card.mac());
    }

    private static Map<String, Object> recharge(TargetTenant cardOwner, Long planId) {
        Map<String, Object> body = with(
                secret(cardOwner.card),
                "payMoney",
                "100.00",
                "details",
                List.of(Map.of("paymentType", 1, "money", "100.00")),
                "timestamp",
                Fixtures.unique("recharge"));
        return planId == null ? body : with(body, "planId", planId);
    }

    private static Map<String, Object> rechargeRefund(TargetTenant cardOwner, String rechargeCode) {
        return with(
                secret(cardOwner.card),
                "paymentType",
                1,
                "rechargeCode",
                rechargeCode,
                "timestamp",
                Fixtures.unique("refund"));
    }

    private static Map<String, Object> balanceRefund(TargetTenant cardOwner, long recordId) {
        return with(
                secret(cardOwner.card),
                "paymentType",
                1,
                "payMoney",
                "1.00",
                "details",
                List.of(Map.of("recordId", recordId, "money", "1.00")),
                "timestamp",
                Fixtures.unique("balance"));
    }

    private static Map<String, Object> redeem(TargetTenant cardOwner, long giftId) {
        return with(secret(cardOwner.card), "giftId", giftId, "timestamp", Fixtures.unique("gift"));
    }

    /** A copy of {@code body} with {@code fields} (name, value, name, value…) set. */
    static Map<String, Object> with(Map<String, Object> body, Object... fields) {
        Map<String, Object> copy = new HashMap<>(body);
        for (int i = 0; i < fields.length; i += 2) {
            copy.put((String) fields[i], fields[i + 1]);
        }
        return copy;
    }

    private static Request get(String path) {
        return new Request("GET", path, null);
    }

    private static Request delete(String path) {
        return new Request("DELETE", path, null);
    }

    private static Request post(String path, Object body) {
        return new Request("POST", path, body);
    }

    private static Request put(String path, Object body) {
        return new Request("PUT", path, body);
    }
}
