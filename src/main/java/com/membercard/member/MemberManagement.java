package com.membercard.member;

import com.membercard.card.CardSendMode;
import com.membercard.card.Cards;
import com.membercard.card.NewCard;
import com.membercard.catalog.CardClasses;
import com.membercard.catalog.MemberLevels;
import com.membercard.catalog.MemberTag;
import com.membercard.catalog.MemberTags;
import com.membercard.shared.BusinessException;
import com.membercard.shared.jdbc.UniqueViolations;
import com.membercard.tenancy.Shop;
import com.membercard.tenancy.ShopManagement;
import com.membercard.tenancy.TenantDirectory;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating a member with their card (op19) and changing a member's own fields (op20). Phone numbers
 * are unique among a tenant's active members and card codes in the tenant: the database's unique
 * indexes decide, so two concurrent creates with the same phone or card give one member.
 */
@Service
public class MemberManagement {

    /** How many times a generated member number is drawn again when someone chose it by hand. */
    private static final int CODE_ATTEMPTS = 5;

    private final JdbcMembers members;
    private final Cards cards;
    private final MemberLevels levels;
    private final MemberTags tags;
    private final CardClasses cardClasses;
    private final ShopManagement shops;
    private final TenantDirectory tenants;

    private final Clock clock;

    MemberManagement(
            JdbcMembers members,
            Cards cards,
            MemberLevels levels,
            MemberTags tags,
            CardClasses cardClasses,
            ShopManagement shops,
            TenantDirectory tenants,
            Clock clock) {
        this.clock = clock;
        this.members = members;
        this.cards = cards;
        this.levels = levels;
        this.tags = tags;
        this.cardClasses = cardClasses;
        this.shops = shops;
        this.tenants = tenants;
    }

    /**
     * A member just created, with the secret the server drew for the card when the request gave none
     * (shown once, never stored in clear).
     */
    public record Created(long memberId, String generatedCardMac) {}

    /**
     * op19: the member and their card, in one transaction.
     *
     * @param credentialShopId the shop the caller's credential is bound to, if any: it issues the card
     */
    @Transactional
    public Created create(long tenantId, Long credentialShopId, MemberRequest request) {
        return create(tenantId, credentialShopId, request, card -> cards.issue(tenantId, card));
    }

    /**
     * op40: as op19, the card taking a secret stored in another tenant under the same server keys
     * (its keyed hash, key version and PIN hash copied, never the secret in clear).
     */
    @Transactional
    public Created createWithStoredSecret(
            long tenantId, Long credentialShopId, MemberRequest request, Cards.StoredSecret secret) {
        return create(tenantId, credentialShopId, request, card -> cards.issueWithStoredSecret(tenantId, card, secret));
    }

    private Created create(
            long tenantId,
            Long credentialShopId,
            MemberRequest request,
            java.util.function.Function<NewCard, Cards.Issued> issuer) {
        require(request.cardCode(), "cardCode");
        if (request.cardClassId() == null) {
            throw BusinessException.invalid("cardClassId", "error.required");
        }
        if (cardClasses.find(tenantId, request.cardClassId()).isEmpty()) {
            throw BusinessException.invalid("cardClassId", "error.unknownReference");
        }
        JdbcMembers.Fields fields = checkedFields(tenantId, request);
        List<Long> tagIds = checkedTags(tenantId, request.memberTagIds());
        Long shopId = issuingShop(tenantId, credentialShopId, request);
        long memberId = insert(tenantId, fields);
        members.replaceTags(tenantId, memberId, tagIds);
        int sendMode = request.cardSendMode() == null ? CardSendMode.DEFAULT.code() : request.cardSendMode();
        Cards.Issued card = issuer.apply(new NewCard(
                memberId,
                request.cardCode(),
                request.cardMac(),
                request.cardPassword(),
                request.cardClassId(),
                fields.levelId(),
                sendMode,
                shopId,
                offset(tenantId, request.effectiveTime())));
        return new Created(memberId, card.generatedSecret());
    }

    /** op20: the member's own fields and tags; the card is not touched but for the level's copy. */
    @Transactional
    public void update(long tenantId, long memberId, MemberRequest request) {
        if (!members.exists(tenantId, memberId)) {
            throw BusinessException.notFound("entity.member");
        }
        JdbcMembers.Fields fields = checkedFields(tenantId, request);
        List<Long> tagIds = checkedTags(tenantId, request.memberTagIds());
        try {
            members.update(tenantId, memberId, fields);
        } catch (DuplicateKeyException e) {
            throw taken(e);
        }
        members.replaceTags(tenantId, memberId, tagIds);
        cards.memberLevelChanged(tenantId, memberId, fields.levelId());
    }

    private long insert(long tenantId, JdbcMembers.Fields fields) {
        for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
            Optional<Long> id;
            try {
                id = members.insert(tenantId, fields);
            } catch (DuplicateKeyException e) {
                throw taken(e);
            }
            if (id.isPresent()) {
                return id.get();
            }
            if (fields.code() != null) {
                throw BusinessException.taken("code");
            }
        }
        throw BusinessException.taken("code");
    }

    private JdbcMembers.Fields checkedFields(long tenantId, MemberRequest request) {
        if (levels.find(tenantId, request.memberLevelId()).isEmpty()) {
            throw BusinessException.invalid("memberLevelId", "error.unknownReference");
        }
        LocalDateTime birthday = request.birthday();
        if (birthday != null
                && birthday.toLocalDate().isAfter(LocalDate.now(clock.withZone(tenants.zoneOf(tenantId))))) {
            throw BusinessException.invalid("birthday", "error.future");
        }
        return new JdbcMembers.Fields(
                blankToNull(request.code()),
                request.name().strip(),
                request.sex() == null ? 0 : request.sex(),
                birthday == null ? null : birthday.toLocalDate(),
                blankToNull(request.phone()),
                blankToNull(request.idCard()),
                blankToNull(request.address()),
                request.memberLevelId());
    }

    private List<Long> checkedTags(long tenantId, List<Long> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        Set<Long> known = tags.list(tenantId).stream().map(MemberTag::id).collect(Collectors.toSet());
        Set<Long> distinct = new LinkedHashSet<>(requested);
        if (!known.containsAll(distinct)) {
            throw BusinessException.invalid("memberTagIds", "error.unknownReference");
        }
        return List.copyOf(distinct);
    }

    /** The card's issuing shop: the credential's, else the one named by id or by name, else none. */
    private Long issuingShop(long tenantId, Long credentialShopId, MemberRequest request) {
        if (credentialShopId != null) {
            return credentialShopId;
        }
        if (request.shopId() != null) {
            if (shops.find(tenantId, request.shopId()).isEmpty()) {
                throw BusinessException.invalid("shopId", "error.unknownReference");
            }
            return request.shopId();
        }
        if (request.cardSendShopName() != null && !request.cardSendShopName().isBlank()) {
            return shops.list(tenantId).stream()
                    .filter(shop ->
                            shop.name().equals(request.cardSendShopName().strip()))
                    .map(Shop::id)
                    .findFirst()
                    .orElseThrow(() -> BusinessException.invalid("cardSendShopName", "error.unknownReference"));
        }
        return null;
    }

    private OffsetDateTime offset(long tenantId, LocalDateTime local) {
        if (local == null) {
            return null;
        }
        ZoneId zone = tenants.zoneOf(tenantId);
        return local.atZone(zone).toOffsetDateTime();
    }

    private static BusinessException taken(DuplicateKeyException e) {
        boolean phone = UniqueViolations.constraint(e)
                .filter("member_active_phone_key"::equals)
                .isPresent();
        return BusinessException.taken(phone ? "phone" : "code");
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw BusinessException.invalid(field, "error.required");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
