package com.membercard.sharding;

import java.util.List;

/**
 * Where each table of the schema lives in the sharded mode. {@code ShardedTablesTest} holds this
 * against every module's {@code @ModuleTables}: a new table that is in none of these lists fails the
 * build until someone decides.
 */
final class ShardedTables {

    private ShardedTables() {}

    /**
     * A tenant's rows, on its node: sharded by {@code tenant_id} and all one binding group, so a join
     * of any of them on {@code tenant_id} stays on one node. A null tenant (a platform
     * administrator, their tokens, the platform's security events) is node 0's. Parents before the
     * tables that refer to them: a tenant's move ({@link TenantCopy}) copies in this order and deletes
     * in the reverse one (bill before shop too, whose delete trigger looks for its bills).
     */
    static final List<String> BY_TENANT = List.of(
            "shop",
            "operator",
            "api_key",
            "login_token",
            "security_event",
            "tenant_setting",
            "card_class",
            "member_level",
            "member_tag",
            "gift",
            "recharge_plan",
            "member",
            "member_tag_link",
            "member_totals",
            "member_totals_delta",
            "member_totals_kept",
            "card",
            "card_event",
            "pay_code",
            "card_secret_miss",
            "bill",
            "ledger_entry",
            "payment_record",
            "payment_refund",
            "points_lot",
            "points_lot_use",
            "bill_day_total",
            "serial_record",
            "scan_payment",
            "scan_payment_outcome",
            "scan_payment_claim",
            "scan_pay_gateway",
            "day_end",
            "day_end_schedule",
            "import_job",
            "import_job_error",
            "import_job_secret",
            "migration_map");

    /**
     * On every node, written to all at once: what every tenant's rows refer to by foreign key. Its id
     * is drawn once, from {@code tenant_id_draw} on node 0, and inserted explicitly on every node.
     */
    static final List<String> ON_EVERY_NODE = List.of("tenant");

    /**
     * Rows of one operator, on the node that issued the operator's id (ids are interleaved across
     * nodes, see {@link NodeSequences}): the table names no tenant.
     */
    static final List<String> BY_OPERATOR = List.of("sign_in_failure");

    /**
     * On node 0 only, through ShardingSphere: what must be unique across tenants (usernames), what is
     * looked up before the tenant is known (a username's or a credential's tenant), the one sequence
     * tenant ids are drawn from, and the sandbox gateway's books, which are no tenant's.
     */
    static final List<String> ON_NODE_ZERO =
            List.of("operator_username", "credential_directory", "tenant_id_draw", "sandbox_order", "sandbox_refund");

    /**
     * On node 0 only, never through ShardingSphere: the directory that decides the routing, and the
     * tenants' moves.
     */
    static final List<String> DIRECTORY = List.of("tenant_placement", "tenant_move");

    /**
     * On every node with contents of its own, never through ShardingSphere: the tenants whose copy on
     * that node is not the live one (a move's write guard, {@link TenantMoves}).
     */
    static final List<String> PER_NODE = List.of("tenant_moved_out");
}
