package com.membercard.ledger;

import com.membercard.shared.Page;
import com.membercard.shared.Paging;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.tenancy.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Ledger (账务)")
class LedgerController {

    /** The answer of a reconciliation: how many cards were checked, and every difference (none, if all is well). */
    record ReconciliationReport(long cardsChecked, List<Reconciliation.Difference<?>> differences) {}

    private final Reconciliation reconciliation;
    private final CardHistory history;

    LedgerController(Reconciliation reconciliation, CardHistory history) {
        this.reconciliation = reconciliation;
        this.history = history;
    }

    @GetMapping("/ledger/reconciliation")
    @Operation(
            summary = "对账 — check every card against its ledger",
            description = "For every card of the tenant: each money and points field against the sum of its entries, "
                    + "its points against its point lots, and the member totals against the cards. "
                    + "`differences` is empty when everything adds up.")
    ReconciliationReport reconcile(@AuthenticationPrincipal Caller caller) {
        long tenantId = caller.tenantId();
        return new ReconciliationReport(reconciliation.cards(tenantId), reconciliation.differences(tenantId));
    }

    @GetMapping("/cards/{cardCode}/transactions")
    @Operation(
            summary = "卡流水 — a card's ledger, newest first",
            description = "Every recharge, payment, refund, transfer and points change of the card, with bill "
                    + "number, operator, shop, payment split and balances after.")
    @BusinessCodes({400, 602})
    Page<CardHistory.Line> transactions(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String cardCode,
            @RequestParam(required = false) Integer pageIndex,
            @RequestParam(required = false) Integer pageSize) {
        return history.of(caller.tenantId(), cardCode, Paging.of(pageIndex, pageSize));
    }
}
