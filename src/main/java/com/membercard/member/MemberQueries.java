package com.membercard.member;

import com.membercard.card.Card;
import com.membercard.card.CardAuthentication;
import com.membercard.card.CardCredentials;
import com.membercard.card.CardSecrets;
import com.membercard.card.CardUse;
import com.membercard.catalog.CardClass;
import com.membercard.catalog.CardClasses;
import com.membercard.catalog.Dictionaries;
import com.membercard.catalog.MemberLevel;
import com.membercard.catalog.MemberLevels;
import com.membercard.catalog.MemberTag;
import com.membercard.catalog.MemberTags;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Page;
import com.membercard.shared.Paging;
import com.membercard.tenancy.Shop;
import com.membercard.tenancy.ShopManagement;
import com.membercard.tenancy.TenantDirectory;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The member reads: op01, op02, op03, op04 and op07, in the original document's Member shape. */
@Service
public class MemberQueries {

    /** op07 answers at most this many members. */
    static final int SEARCH_LIMIT = 50;

    private final JdbcMemberQueries queries;
    private final CardAuthentication authentication;
    private final MemberLevels levels;
    private final MemberTags tags;
    private final CardClasses cardClasses;
    private final ShopManagement shops;
    private final Dictionaries dictionaries;
    private final TenantDirectory tenants;

    MemberQueries(
            JdbcMemberQueries queries,
            CardAuthentication authentication,
            MemberLevels levels,
            MemberTags tags,
            CardClasses cardClasses,
            ShopManagement shops,
            Dictionaries dictionaries,
            TenantDirectory tenants) {
        this.queries = queries;
        this.authentication = authentication;
        this.levels = levels;
        this.tags = tags;
        this.cardClasses = cardClasses;
        this.shops = shops;
        this.dictionaries = dictionaries;
        this.tenants = tenants;
    }

    private static final MemberFilter EVERY_MEMBER = new MemberFilter(null, null, null, null, null, null, null);

    /** op01. */
    public MemberView get(long tenantId, long memberId) {
        JdbcMemberQueries.Row row =
                queries.byId(tenantId, memberId).orElseThrow(() -> BusinessException.notFound("entity.member"));
        return names(tenantId).view(row, queries.tagIds(tenantId, List.of(row.id())));
    }

    /** op02/op03: one page, with the count and sums over every matching member. */
    @Transactional(readOnly = true)
    public Page<MemberView> page(long tenantId, MemberFilter filter, Paging paging) {
        List<JdbcMemberQueries.Row> rows = queries.page(tenantId, filter, paging.pageSize(), paging.offset());
        MemberView.Totals totals =
                filter.onlyGroups() ? queries.keptTotals(tenantId, filter) : queries.totals(tenantId, filter);
        return new Page<>(
                views(tenantId, rows),
                paging.pageIndex(),
                paging.pageSize(),
                totals.members(),
                MemberView.sums(totals));
    }

    /**
     * op07: by keyword (at most 50, newest first), or the one member whose card's secret is
     * {@code mac} (602 when none is).
     */
    public List<MemberView> search(long tenantId, String keyword, String mac) {
        if (mac != null) {
            Card card = authentication.authenticate(tenantId, CardCredentials.of(null, mac), CardUse.READ);
            return views(
                    tenantId, queries.byCardId(tenantId, card.id()).stream().toList());
        }
        return views(tenantId, queries.newestMatches(tenantId, keyword, SEARCH_LIMIT));
    }

    /**
     * op40: a tenant's members with their current cards and tags, oldest first, after the member
     * {@code afterMemberId}, at most {@code limit}: a migration reads its source page by page.
     * Personal data is not masked: the caller copies it into another tenant.
     */
    @Transactional(readOnly = true)
    public List<MemberView> after(long tenantId, long afterMemberId, int limit) {
        return views(tenantId, queries.after(tenantId, afterMemberId, limit));
    }

    /**
     * What the tenant's current cards hold together, as op02's totals row without a filter (money
     * and points set): read from the kept totals, a few rows whatever the number of members. Public
     * for the console's dashboard: up to today it is the stored-value liability (the reconciliation
     * checks the cards against the ledger's entries), read in milliseconds where the ledger's
     * liability sums every entry (seconds at 5,000,000 bills).
     */
    @Transactional(readOnly = true)
    public MemberView heldByCards(long tenantId) {
        return MemberView.sums(queries.keptTotals(tenantId, EVERY_MEMBER));
    }

    /** How many members with a current card the tenant has: op02's totalCount without a filter, kept. */
    public long count(long tenantId) {
        return queries.keptTotals(tenantId, EVERY_MEMBER).members();
    }

    /** op04: every member of the filter, oldest first, handed on one by one (an export). */
    @Transactional(readOnly = true)
    void export(long tenantId, MemberFilter filter, Consumer<MemberView> sink) {
        Names names = names(tenantId);
        queries.forEach(tenantId, filter, row -> sink.accept(names.view(row, Map.of())));
    }

    private List<MemberView> views(long tenantId, List<JdbcMemberQueries.Row> rows) {
        Names names = names(tenantId);
        Map<Long, List<Long>> tagIds = queries.tagIds(
                tenantId, rows.stream().map(JdbcMemberQueries.Row::id).toList());
        return rows.stream().map(row -> names.view(row, tagIds)).toList();
    }

    private Names names(long tenantId) {
        return new Names(
                tenants.zoneOf(tenantId),
                levels.list(tenantId).stream().collect(Collectors.toMap(MemberLevel::id, Function.identity())),
                cardClasses.list(tenantId).stream().collect(Collectors.toMap(CardClass::id, CardClass::name)),
                shops.list(tenantId).stream().collect(Collectors.toMap(Shop::id, Shop::name)),
                tags.list(tenantId).stream().collect(Collectors.toMap(MemberTag::id, MemberTag::name)),
                dictionaries);
    }

    /** The tenant's names for ids, loaded once per request, and the assembly of the Member shape. */
    private record Names(
            ZoneId zone,
            Map<Long, MemberLevel> levels,
            Map<Long, String> classes,
            Map<Long, String> shops,
            Map<Long, String> tags,
            Dictionaries dictionaries) {

        /** {@code tagIds} holds the tags of the members being shown; an export shows none. */
        MemberView view(JdbcMemberQueries.Row r, Map<Long, List<Long>> tagIds) {
            MemberLevel level = levels.get(r.levelId());
            List<Long> memberTagIds = tagIds.getOrDefault(r.id(), List.of());
            List<MemberView.Tag> memberTags = memberTagIds.stream()
                    .map(id -> new MemberView.Tag(id, tags.get(id)))
                    .toList();
            return new MemberView(
                    r.cardId(),
                    r.cardCode(),
                    CardSecrets.masked(r.macLast4()),
                    r.classId(),
                    classes.get(r.classId()),
                    r.actualRecharge().plus(r.giveRecharge()),
                    r.actualRecharge(),
                    r.giveRecharge(),
                    r.actualExpense().plus(r.giveExpense()),
                    r.actualExpense(),
                    r.giveExpense(),
                    r.actualBalance().plus(r.giveBalance()),
                    r.actualBalance(),
                    r.giveBalance(),
                    r.totalPoints(),
                    r.actualPoints(),
                    r.usedPoints(),
                    local(r.pointsDisabledDate()),
                    local(r.effectiveTime()),
                    r.status(),
                    dictionaries.cardStatusName(r.status()),
                    r.sendMode(),
                    r.shopId() == null ? null : shops.get(r.shopId()),
                    r.name(),
                    r.sex(),
                    r.birthday() == null ? null : r.birthday().atStartOfDay(),
                    r.phone(),
                    r.idCard(),
                    r.address(),
                    r.code(),
                    r.levelId(),
                    level == null ? null : level.level(),
                    level == null ? null : level.name(),
                    memberTagIds,
                    memberTags.stream().map(MemberView.Tag::name).toList(),
                    memberTags,
                    r.id());
        }

        private LocalDateTime local(OffsetDateTime time) {
            return time == null ? null : time.atZoneSameInstant(zone).toLocalDateTime();
        }
    }
}
