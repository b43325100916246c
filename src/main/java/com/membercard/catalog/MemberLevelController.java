package com.membercard.catalog;

import com.membercard.shared.Envelope;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.tenancy.Caller;
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

@RestController
@RequestMapping("/api/v1/member-levels")
@Tag(name = "Member levels (会员等级)")
class MemberLevelController {

    private final MemberLevels memberLevels;

    MemberLevelController(MemberLevels memberLevels) {
        this.memberLevels = memberLevels;
    }

    @GetMapping
    @Operation(summary = "op12 会员等级 — the tenant's member levels")
    List<MemberLevel> list(@AuthenticationPrincipal Caller caller) {
        return memberLevels.list(caller.tenantId());
    }

    @GetMapping("/{id}")
    @Operation(summary = "会员等级详情 — one of the member levels")
    @BusinessCodes(404)
    MemberLevel get(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return memberLevels.get(caller.tenantId(), id);
    }

    @PostMapping
    @Operation(summary = "新增会员等级 — create", description = "data = the new id")
    @BusinessCodes({400})
    Envelope<Long> create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody MemberLevelRequest request) {
        return Envelope.ok(memberLevels.create(caller.tenantId(), request));
    }

    @PutMapping("/{id}")
    @Operation(summary = "修改会员等级 — update")
    @BusinessCodes({400, 404})
    Envelope<Void> update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @Valid @RequestBody MemberLevelRequest request) {
        memberLevels.update(caller.tenantId(), id, request);
        return Envelope.ok();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "删除会员等级 — delete", description = "611 while members have this level.")
    @BusinessCodes({404, 611})
    Envelope<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        memberLevels.delete(caller.tenantId(), id);
        return Envelope.ok();
    }
}
