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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

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
    /** A batch's inserts, or one request of a batch created alone: rolled back alone when refused. */
    private final TransactionTemplate savepoint;

    MemberManagement(
            JdbcMembers members,
            Cards cards,
            MemberLevels levels,
            MemberTags tags,
            CardClasses cardClasses,
            ShopManagement shops,
            TenantDirectory tenants,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.members = members;
        this.cards = cards;
        this.levels = levels;
        this.tags = tags;
        this.cardClasses = cardClasses;
        this.shops = shops;
        this.tenants = tenants;
    }

    /**
     * A member just created with their card, and the secret the server drew for the card when the
     * request gave none (shown once, never stored in clear).
     */
    public record Created(long memberId, long cardId, String generatedCardMac) {}

    /** What {@link #createAll} answers for one request: the member created, or op19's refusal of it. */
    public record Outcome(Created created, BusinessException refusal) {}

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
     * op19 for a batch, as a file import and a migration need it: each request checked by the same
     * code as {@link #create} and created, or refused on its own without stopping the others, as if
     * the requests were created one after the other in the order given (a phone, number, card code
     * or secret of an earlier request is taken for a later one). What {@code create} does a
     * statement at a time for one member is done a statement per table for the batch: the catalogue
     * is looked up once, each uniqueness check is one query, members, tags and cards one insert
     * each. A unique index that refuses the batch anyway (a concurrent create between the checks
     * and the inserts) rolls it back to its savepoint, and its requests are created one at a time,
     * each in a savepoint of its own. op40's cards take secrets stored in another tenant under the
     * same server keys (the keyed hash, key version and PIN hash, never the secret in clear).
     *
     * @param storedSecrets null when every card brings its own secret (op19), else one per request (op40)
     */
    @Transactional
    public List<Outcome> createAll(
            long tenantId,
            Long credentialShopId,
            List<MemberRequest> requests,
            List<Cards.StoredSecret> storedSecrets) {
        Outcome[] outcomes = new Outcome[requests.size()];
        Lookups lookups = new Lookups(tenantId);
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            try {
                pending.add(new Pending(i, prepare(tenantId, credentialShopId, requests.get(i), lookups)));
            } catch (BusinessException e) {
                outcomes[i] = new Outcome(null, e);
            }
        }
        pending = withoutTakenMembers(tenantId, pending, outcomes);
        List<Long> drawnIds = members.nextIds(tenantId, pending.size());
        List<NewCard> drafts = new ArrayList<>();
        for (int k = 0; k < pending.size(); k++) {
            drafts.add(pending.get(k).prepared().card(drawnIds.get(k)));
        }
        List<BusinessException> cardRefusals = cards.refusals(tenantId, drafts, secretsOf(pending, storedSecrets));
        List<Pending> ready = new ArrayList<>();
        List<Long> memberIds = new ArrayList<>();
        List<NewCard> newCards = new ArrayList<>();
        for (int k = 0; k < pending.size(); k++) {
            if (cardRefusals.get(k) == null) {
                ready.add(pending.get(k));
                memberIds.add(drawnIds.get(k));
                newCards.add(drafts.get(k));
            } else {
                outcomes[pending.get(k).index()] = new Outcome(null, cardRefusals.get(k));
            }
        }
        if (ready.isEmpty()) {
            return List.of(outcomes);
        }
        try {
            List<Cards.Issued> issued = savepoint.execute(status -> {
                members.insertAll(
                        tenantId,
                        memberIds,
                        ready.stream().map(p -> p.prepared().fields()).toList());
                members.addTags(
                        tenantId,
                        memberIds,
                        ready.stream().map(p -> p.prepared().tagIds()).toList());
                return cards.issueAll(tenantId, newCards, secretsOf(ready, storedSecrets));
            });
            for (int k = 0; k < ready.size(); k++) {
                Cards.Issued card = issued.get(k);
                outcomes[ready.get(k).index()] =
                        new Outcome(new Created(memberIds.get(k), card.id(), card.generatedSecret()), null);
            }
        } catch (DuplicateKeyException e) {
            // taken since the checks: one at a time, each refused alone as op19 would refuse it
            for (Pending p : ready) {
                outcomes[p.index()] =
                        createAlone(tenantId, credentialShopId, requests.get(p.index()), storedSecrets, p.index());
            }
        }
        return List.of(outcomes);
    }

    /** A request of a batch (its place in it) that has passed the checks so far. */
    private record Pending(int index, Prepared prepared) {}

    private static List<Cards.StoredSecret> secretsOf(List<Pending> pending, List<Cards.StoredSecret> storedSecrets) {
        return storedSecrets == null
                ? null
                : pending.stream().map(p -> storedSecrets.get(p.index())).toList();
    }

    private Outcome createAlone(
            long tenantId,
            Long credentialShopId,
            MemberRequest request,
            List<Cards.StoredSecret> storedSecrets,
            int i) {
        Function<NewCard, Cards.Issued> issuer = storedSecrets == null
                ? card -> cards.issue(tenantId, card)
                : card -> cards.issueWithStoredSecret(tenantId, card, storedSecrets.get(i));
        try {
            return new Outcome(savepoint.execute(status -> create(tenantId, credentialShopId, request, issuer)), null);
        } catch (BusinessException e) {
            return new Outcome(null, e);
        }
    }

    /**
     * The batch without the requests whose phone (among active members) or number is taken in the
     * tenant or by an earlier request, which are refused (409) as the insert would refuse them.
     */
    private List<Pending> withoutTakenMembers(long tenantId, List<Pending> pending, Outcome[] outcomes) {
        List<String> phones = pending.stream()
                .map(p -> p.prepared().fields().phone())
                .filter(Objects::nonNull)
                .toList();
        List<String> codes = pending.stream()
                .map(p -> p.prepared().fields().code())
                .filter(Objects::nonNull)
                .toList();
        Set<String> phonesTaken = phones.isEmpty() ? Set.of() : members.activePhonesTaken(tenantId, phones);
        Set<String> codesTaken = codes.isEmpty() ? Set.of() : members.codesTaken(tenantId, codes);
        Set<String> phonesSeen = new HashSet<>();
        Set<String> codesSeen = new HashSet<>();
        List<Pending> kept = new ArrayList<>();
        for (Pending p : pending) {
            String phone = p.prepared().fields().phone();
            String code = p.prepared().fields().code();
            if (phone != null && (phonesTaken.contains(phone) || !phonesSeen.add(phone))) {
                outcomes[p.index()] = new Outcome(null, BusinessException.taken("phone"));
            } else if (code != null && (codesTaken.contains(code) || !codesSeen.add(code))) {
                outcomes[p.index()] = new Outcome(null, BusinessException.taken("code"));
            } else {
                kept.add(p);
            }
        }
        return kept;
    }

    private Created create(
            long tenantId, Long credentialShopId, MemberRequest request, Function<NewCard, Cards.Issued> issuer) {
        Prepared prepared = prepare(tenantId, credentialShopId, request, new Lookups(tenantId));
        long memberId = insert(tenantId, prepared.fields());
        members.replaceTags(tenantId, memberId, prepared.tagIds());
        Cards.Issued card = issuer.apply(prepared.card(memberId));
        return new Created(memberId, card.id(), card.generatedSecret());
    }

    /** A request that passed op19's checks of its own fields, with its card but for the member's id. */
    private record Prepared(
            JdbcMembers.Fields fields,
            List<Long> tagIds,
            MemberRequest request,
            Long shopId,
            int sendMode,
            OffsetDateTime effectiveTime) {

        NewCard card(long memberId) {
            return new NewCard(
                    memberId,
                    request.cardCode(),
                    request.cardMac(),
                    request.cardPassword(),
                    request.cardClassId(),
                    fields.levelId(),
                    sendMode,
                    shopId,
                    effectiveTime);
        }
    }

    /** op19's checks of a request that need no uniqueness: required fields, references, dates. */
    private Prepared prepare(long tenantId, Long credentialShopId, MemberRequest request, Lookups lookups) {
        require(request.cardCode(), "cardCode");
        if (request.cardClassId() == null) {
            throw BusinessException.invalid("cardClassId", "error.required");
        }
        if (!lookups.cardClassKnown(request.cardClassId())) {
            throw BusinessException.invalid("cardClassId", "error.unknownReference");
        }
        JdbcMembers.Fields fields = checkedFields(tenantId, request, lookups);
        List<Long> tagIds = checkedTags(request.memberTagIds(), lookups);
        Long shopId = issuingShop(credentialShopId, request, lookups);
        int sendMode = request.cardSendMode() == null ? CardSendMode.DEFAULT.code() : request.cardSendMode();
        return new Prepared(fields, tagIds, request, shopId, sendMode, offset(tenantId, request.effectiveTime()));
    }

    /**
     * The catalogue entries and shops op19's checks look up, each asked once: a single create asks
     * what it needs, a batch asks each question once for all its requests.
     */
    private final class Lookups {

        private final long tenantId;
        private final Map<Long, Boolean> knownCardClasses = new HashMap<>();
        private final Map<Long, Boolean> knownLevels = new HashMap<>();
        private final Map<Long, Boolean> knownShops = new HashMap<>();
        private Set<Long> tagIds;
        private List<Shop> shopList;

        Lookups(long tenantId) {
            this.tenantId = tenantId;
        }

        boolean cardClassKnown(long id) {
            return knownCardClasses.computeIfAbsent(
                    id, key -> cardClasses.find(tenantId, key).isPresent());
        }

        boolean levelKnown(Long id) {
            return knownLevels.computeIfAbsent(
                    id, key -> levels.find(tenantId, key).isPresent());
        }

        Set<Long> tagIds() {
            if (tagIds == null) {
                tagIds = tags.list(tenantId).stream().map(MemberTag::id).collect(Collectors.toSet());
            }
            return tagIds;
        }

        boolean shopKnown(long id) {
            return knownShops.computeIfAbsent(
                    id, key -> shops.find(tenantId, key).isPresent());
        }

        List<Shop> shopList() {
            if (shopList == null) {
                shopList = shops.list(tenantId);
            }
            return shopList;
        }
    }

    /** op20: the member's own fields and tags; the card is not touched but for the level's copy. */
    @Transactional
    public void update(long tenantId, long memberId, MemberRequest request) {
        if (!members.exists(tenantId, memberId)) {
            throw BusinessException.notFound("entity.member");
        }
        Lookups lookups = new Lookups(tenantId);
        JdbcMembers.Fields fields = checkedFields(tenantId, request, lookups);
        List<Long> tagIds = checkedTags(request.memberTagIds(), lookups);
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

    private JdbcMembers.Fields checkedFields(long tenantId, MemberRequest request, Lookups lookups) {
        if (!lookups.levelKnown(request.memberLevelId())) {
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

    private static List<Long> checkedTags(List<Long> requested, Lookups lookups) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        Set<Long> known = lookups.tagIds();
        Set<Long> distinct = new LinkedHashSet<>(requested);
        if (!known.containsAll(distinct)) {
            throw BusinessException.invalid("memberTagIds", "error.unknownReference");
        }
        return List.copyOf(distinct);
    }

    /** The card's issuing shop: the credential's, else the one named by id or by name, else none. */
    private static Long issuingShop(Long credentialShopId, MemberRequest request, Lookups lookups) {
        if (credentialShopId != null) {
            return credentialShopId;
        }
        if (request.shopId() != null) {
            if (!lookups.shopKnown(request.shopId())) {
                throw BusinessException.invalid("shopId", "error.unknownReference");
            }
            return request.shopId();
        }
        if (request.cardSendShopName() != null && !request.cardSendShopName().isBlank()) {
            return lookups.shopList().stream()
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
