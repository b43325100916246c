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
@RequestMapping("/api/v1/member-tags")
@Tag(name = "Member tags (会员标签)")
class MemberTagController {

    private final MemberTags memberTags;

    MemberTagController(MemberTags memberTags) {
        this.memberTags = memberTags;
    }

    @GetMapping
    @Operation(summary = "op11 会员标签 — the tenant's member tags")
    List<MemberTag> list(@AuthenticationPrincipal Caller caller) {
        return memberTags.list(caller.tenantId());
    }

    @GetMapping("/{id}")
    @Operation(summary = "会员标签详情 — one of the member tags")
    @BusinessCodes(404)
    MemberTag get(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return memberTags.get(caller.tenantId(), id);
    }

    @PostMapping
    @Operation(summary = "新增会员标签 — create", description = "data = the new id")
    @BusinessCodes({400, 409})
    Envelope<Long> create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody MemberTagRequest request) {
        return Envelope.ok(memberTags.create(caller.tenantId(), request));
    }

    @PutMapping("/{id}")
    @Operation(summary = "修改会员标签 — update")
    @BusinessCodes({400, 404, 409})
    Envelope<Void> update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @Valid @RequestBody MemberTagRequest request) {
        memberTags.update(caller.tenantId(), id, request);
        return Envelope.ok();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "删除会员标签 — delete", description = "611 while members carry this tag.")
    @BusinessCodes({404, 611})
    Envelope<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        memberTags.delete(caller.tenantId(), id);
        return Envelope.ok();
    }
}
