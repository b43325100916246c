package com.membercard.tenancy;

import com.membercard.shared.Envelope;
import com.membercard.shared.jdbc.SpansNodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

// sharded mode: an operator's username is entered in the directory of usernames on node 0
@SpansNodes
@RestController
@RequestMapping("/api/v1/operators")
@Tag(name = "Operators (操作员)", description = "Tenant administrators only")
class OperatorController {

    private final OperatorManagement operators;

    OperatorController(OperatorManagement operators) {
        this.operators = operators;
    }

    @GetMapping
    @Operation(summary = "操作员列表 — list operators")
    List<Operator> list(@AuthenticationPrincipal Caller caller) {
        return operators.list(caller.tenantId());
    }

    @GetMapping("/{id}")
    @Operation(summary = "操作员详情 — one operator")
    Operator get(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return operators.get(caller.tenantId(), id);
    }

    @PostMapping
    @Operation(summary = "新增操作员 — create an operator", description = "data = the new operator's id")
    Envelope<Long> create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody OperatorRequest request) {
        return Envelope.ok(operators.create(caller, caller.tenantId(), request));
    }

    @PutMapping("/{id}")
    @Operation(
            summary = "修改操作员 — update an operator",
            description = "A blank password keeps the old one; a new one revokes the operator's login tokens.")
    Envelope<Void> update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @Valid @RequestBody OperatorRequest request) {
        operators.update(caller, caller.tenantId(), id, request);
        return Envelope.ok();
    }

    @DeleteMapping("/{id}")
    @Operation(
            summary = "停用操作员 — deactivate an operator",
            description = "Operators stay on record (bills name them); a deactivated one cannot sign in.")
    Envelope<Void> deactivate(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        operators.deactivate(caller, caller.tenantId(), id);
        return Envelope.ok();
    }
}
