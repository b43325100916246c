package com.membercard.importing;

import com.membercard.card.CardSendMode;
import com.membercard.card.CardStatus;
import com.membercard.card.Cards;
import com.membercard.card.LockedCard;
import com.membercard.catalog.CardClass;
import com.membercard.catalog.CardClassRequest;
import com.membercard.catalog.CardClasses;
import com.membercard.catalog.MemberLevel;
import com.membercard.catalog.MemberLevelRequest;
import com.membercard.catalog.MemberLevels;
import com.membercard.catalog.MemberTag;
import com.membercard.catalog.MemberTagRequest;
import com.membercard.catalog.MemberTags;
import com.membercard.importing.JdbcImportJobs.Job;
import com.membercard.ledger.Bill;
import com.membercard.ledger.BillKind;
import com.membercard.ledger.Entry;
import com.membercard.ledger.Ledger;
import com.membercard.ledger.PointsLots;
import com.membercard.ledger.PostedBill;
import com.membercard.member.MemberManagement;
import com.membercard.member.MemberQueries;
import com.membercard.member.MemberRequest;
import com.membercard.member.MemberView;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Money;
import com.membercard.tenancy.Actor;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The work of an op40 job: the source tenant's members, page by page in member order, each copied
 * into the target (the job's tenant) through op19's own code with its card's stored secret (the
 * keyed hash and its key version, never the secret), its balances as an opening bill and its point
 * lots with their expiries. The source is only read. A kept mapping (source member → target member)
 * makes a re-run skip whoever was copied; a phone or card code the target has already is reported
 * and skipped. Levels, tags and card classes are matched by name and created when missing.
 */
@Component
class Migration {

    static final int CHUNK = 500;

    private final JdbcImportJobs jobs;
    private final Reasons reasons;
    private final MemberQueries sourceMembers;
    private final MemberManagement members;
    private final Cards cards;
    private final Ledger ledger;
    private final PointsLots lots;
    private final MemberLevels levels;
    private final MemberTags tags;
    private final CardClasses classes;
    private final Clock clock;
    private final TransactionTemplate chunkTransaction;
    private final TransactionTemplate rowSavepoint;

    Migration(
            JdbcImportJobs jobs,
            Reasons reasons,
            MemberQueries sourceMembers,
            MemberManagement members,
            Cards cards,
            Ledger ledger,
            PointsLots lots,
            MemberLevels levels,
            MemberTags tags,
            CardClasses classes,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.jobs = jobs;
        this.reasons = reasons;
        this.sourceMembers = sourceMembers;
        this.members = members;
        this.cards = cards;
        this.ledger = ledger;
        this.lots = lots;
        this.levels = levels;
        this.tags = tags;
        this.classes = classes;
        this.clock = clock;
        this.chunkTransaction = new TransactionTemplate(transactions);
        this.rowSavepoint = new TransactionTemplate(transactions);
        this.rowSavepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The target's level, tag and class ids of the source's, by name, created when missing. */
    private record Catalog(Map<Long, Long> levels, Map<Long, Long> tags, Map<Long, Long> classes) {}

    void run(Job job) {
        long source = job.sourceTenantId();
        long target = job.tenantId();
        if ("QUEUED".equals(job.status())) {
            jobs.started(target, job.id(), (int) Math.min(Integer.MAX_VALUE, sourceMembers.count(source)), "{}");
        }
        Catalog catalog = catalog(source, target);
        long after = job.lastSourceMemberId();
        int done = job.rowsRead();
        while (true) {
            List<MemberView> page = sourceMembers.after(source, after, CHUNK);
            if (page.isEmpty()) {
                break;
            }
            commit(job, page, catalog, done);
            done += page.size();
            after = page.get(page.size() - 1).id();
        }
        jobs.finished(target, job.id());
    }

    private Catalog catalog(long source, long target) {
        Map<String, Long> targetLevels = new HashMap<>();
        levels.list(target).forEach(level -> targetLevels.putIfAbsent(level.name(), level.id()));
        Map<Long, Long> levelIds = new HashMap<>();
        for (MemberLevel level : levels.list(source)) {
            levelIds.put(
                    level.id(),
                    targetLevels.computeIfAbsent(
                            level.name(),
                            name -> levels.create(
                                    target,
                                    new MemberLevelRequest(name, level.level(), level.discount(), level.imagePath()))));
        }
        Map<String, Long> targetTags = new HashMap<>();
        tags.list(target).forEach(tag -> targetTags.putIfAbsent(tag.name(), tag.id()));
        Map<Long, Long> tagIds = new HashMap<>();
        for (MemberTag tag : tags.list(source)) {
            tagIds.put(
                    tag.id(),
                    targetTags.computeIfAbsent(tag.name(), name -> tags.create(target, new MemberTagRequest(name))));
        }
        Map<String, Long> targetClasses = new HashMap<>();
        classes.list(target).forEach(cardClass -> targetClasses.putIfAbsent(cardClass.name(), cardClass.id()));
        Map<Long, Long> classIds = new HashMap<>();
        for (CardClass cardClass : classes.list(source)) {
            classIds.put(
                    cardClass.id(),
                    targetClasses.computeIfAbsent(
                            cardClass.name(),
                            name -> classes.create(
                                    target,
                                    new CardClassRequest(
                                            name,
                                            cardClass.cardType(),
                                            cardClass.canRecharge(),
                                            cardClass.canMemberPrice(),
                                            cardClass.canDiscount(),
                                            cardClass.canPoint(),
                                            cardClass.pointsBasic(),
                                            cardClass.pointsToOne(),
                                            cardClass.pointsValidDays(),
                                            cardClass.deductOrder()))));
        }
        return new Catalog(levelIds, tagIds, classIds);
    }

    private void commit(Job job, List<MemberView> page, Catalog catalog, int done) {
        long target = job.tenantId();
        long source = job.sourceTenantId();
        chunkTransaction.executeWithoutResult(status -> {
            Set<Long> mapped = jobs.mapped(
                    target, source, page.stream().map(MemberView::id).toList());
            int imported = 0;
            int skipped = 0;
            int failed = 0;
            List<Problem> problems = new ArrayList<>();
            for (int i = 0; i < page.size(); i++) {
                MemberView member = page.get(i);
                int row = done + i + 1;
                if (mapped.contains(member.id())) {
                    skipped++;
                    continue;
                }
                if (member.cardStatus() == null || member.cardStatus() != CardStatus.NORMAL.code()) {
                    failed++;
                    problems.add(reasons.problem(
                            row, "cardCode", member.cardCode(), "error.import.cardState", member.cardStatusName()));
                    continue;
                }
                MemberRequest request = request(member, catalog, job.shopId());
                List<Problem> invalid = reasons.violations(row, request, field -> field, field -> null);
                if (!invalid.isEmpty()) {
                    failed++;
                    problems.addAll(invalid);
                    continue;
                }
                try {
                    rowSavepoint.executeWithoutResult(savepoint -> copy(job, member, request));
                    imported++;
                } catch (BusinessException e) {
                    Problem problem = reasons.problem(row, e, field -> field, field -> switch (field) {
                        case "phone" -> member.phone();
                        case "cardCode", "cardMac" -> member.cardCode();
                        default -> null;
                    });
                    problems.add(problem);
                    if (problem.duplicate()) {
                        skipped++;
                    } else {
                        failed++;
                    }
                }
            }
            jobs.addProblems(target, job.id(), problems);
            jobs.migrated(target, job.id(), page.get(page.size() - 1).id(), page.size(), imported, skipped, failed);
        });
    }

    private MemberRequest request(MemberView member, Catalog catalog, Long shopId) {
        List<Long> tagIds = member.memberTagIds() == null
                ? List.of()
                : member.memberTagIds().stream()
                        .map(catalog.tags()::get)
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .toList();
        return new MemberRequest(
                member.name(),
                member.sex(),
                member.birthday(),
                member.phone(),
                member.idCard(),
                member.address(),
                null,
                catalog.levels().get(member.memberLevelId()),
                tagIds,
                member.cardCode(),
                null,
                null,
                catalog.classes().get(member.cardClassId()),
                CardSendMode.MIGRATED.code(),
                null,
                shopId,
                member.effectiveTime());
    }

    private void copy(Job job, MemberView member, MemberRequest request) {
        long source = job.sourceTenantId();
        long target = job.tenantId();
        Cards.StoredSecret secret = cards.storedSecret(source, member.cardId())
                .orElseThrow(() -> BusinessException.notFound("entity.card"));
        MemberManagement.Created created = members.createWithStoredSecret(target, job.shopId(), request, secret);
        jobs.map(target, source, member.id(), created.memberId(), job.id());
        Money real = member.actualBalance() == null ? Money.ZERO : member.actualBalance();
        Money gift = member.giveBalance() == null ? Money.ZERO : member.giveBalance();
        long points = member.actualPoints() == null ? 0 : member.actualPoints();
        if (real.isZero() && gift.isZero() && points == 0) {
            return;
        }
        long cardId = cards.byCode(target, member.cardCode()).orElseThrow().id();
        LockedCard card = cards.lock(target, cardId);
        // the platform administrator is no operator of the target: the bill names the shop, the
        // remark the source, and the MIGRATION security event who ran it
        PostedBill bill = ledger.post(
                target,
                Bill.of(
                        BillKind.OPENING_BALANCE,
                        cardId,
                        new Actor(null, null, job.shopId(), null),
                        real.plus(gift),
                        "op40 job " + job.id() + ": source tenant " + source + ", source member " + member.id(),
                        List.of(Entry.openingBalance(cardId, real, gift, points))),
                card);
        if (points > 0) {
            copyLots(source, member.cardId(), target, cardId, bill.id(), points);
        }
    }

    /** The source card's lots with what is left of them and their expiries; their sum is the card's points. */
    private void copyLots(long source, long sourceCardId, long target, long cardId, long billId, long points) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<PointsLots.Lot> left = new ArrayList<>(lots.available(source, sourceCardId, now));
        left.addAll(lots.expiredUnswept(source, sourceCardId, now));
        long sum = left.stream().mapToLong(PointsLots.Lot::remaining).sum();
        if (sum != points) {
            lots.create(target, cardId, billId, points, null, now);
            return;
        }
        for (PointsLots.Lot lot : left) {
            if (lot.remaining() > 0) {
                lots.create(target, cardId, billId, lot.remaining(), lot.expiresAt(), now);
            }
        }
    }
}
