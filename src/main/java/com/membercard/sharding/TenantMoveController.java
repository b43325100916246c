package com.membercard.sharding;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Envelope;
import com.membercard.shared.security.SecurityEvent;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.TenantDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Moving a tenant to another node, for platform administrators (under {@code /api/v1/tenants}, whose
 * access rule already admits them alone). Made in both modes, so that the single-node service
 * answers the command with its reason rather than a missing route.
 */
@RestController
@Tag(name = "Tenants (租户)", description = "Platform administrators only")
class TenantMoveController {

    private final ObjectProvider<TenantMoves> moves;
    private final TenantDirectory tenants;
    private final ApplicationEventPublisher events;

    TenantMoveController(ObjectProvider<TenantMoves> moves, TenantDirectory tenants, ApplicationEventPublisher events) {
        this.moves = moves;
        this.tenants = tenants;
        this.events = events;
    }

    @PostMapping("/api/v1/tenants/{id}/move")
    @Operation(
            summary = "迁移租户到另一节点 — move a tenant to another node (sharded mode)",
            description = "Starts moving the tenant's rows to node `node`, or resumes its unfinished move there, in"
                    + " the background: copy, catch up, a short pause of the tenant's writes (they answer 615,"
                    + " retry), switch, reconcile, delete the old copy. Answers the move as GET does. 400 naming"
                    + " `node` for no such node or the tenant's own; 409 naming `node` while the tenant's"
                    + " unfinished move goes elsewhere; 400 in single-node mode.")
    @BusinessCodes({400, 404, 409})
    Envelope<TenantMoves.Move> move(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @Valid @RequestBody TenantMoveRequest request) {
        TenantMoves sharded = sharded();
        tenants.requireExists(id);
        if (request.node() >= sharded.nodes()) {
            throw BusinessException.invalid("node", "error.tenantMove.noSuchNode", sharded.nodes() - 1);
        }
        TenantMoves.Move move = sharded.start(id, request.node());
        String detail = "to node " + move.toNode() + " from node " + move.fromNode() + ", at step " + move.step();
        events.publishEvent(new SecurityEvent(
                null,
                SecurityEvent.Kind.TENANT_MOVE,
                caller.operatorId(),
                caller.apiKeyId(),
                "tenant " + id,
                null,
                detail));
        events.publishEvent(
                new SecurityEvent(id, SecurityEvent.Kind.TENANT_MOVE, null, null, "tenant move", null, detail));
        return Envelope.ok(move);
    }

    @GetMapping("/api/v1/tenants/{id}/move")
    @Operation(
            summary = "租户迁移状态 — the tenant's move",
            description = "Its nodes, its step (START, COPY, CATCH_UP, PAUSE, FINAL_SYNC, VERIFY, SWITCH, RECONCILE,"
                    + " DELETE_OLD, DONE), when it paused and switched, the verification's report, the last error,"
                    + " and whether this instance is running it. 404 when the tenant was never moved.")
    @BusinessCodes({400, 404})
    TenantMoves.Move get(@PathVariable long id) {
        TenantMoves sharded = sharded();
        tenants.requireExists(id);
        return sharded.of(id).orElseThrow(() -> BusinessException.notFound("entity.tenantMove"));
    }

    private TenantMoves sharded() {
        TenantMoves sharded = moves.getIfAvailable();
        if (sharded == null) {
            throw new BusinessException(BusinessCode.INVALID_REQUEST, "error.tenantMove.singleNode");
        }
        return sharded;
    }
}
