package com.membercard.importing;

import com.membercard.card.CardSendMode;
import com.membercard.card.CardStatus;
import com.membercard.card.Cards;
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
import com.membercard.ledger.PointsLots;
import com.membercard.member.MemberManagement;
import com.membercard.member.MemberQueries;
import com.membercard.member.MemberRequest;
import com.membercard.member.MemberView;
import com.membercard.shared.Money;
import com.membercard.tenancy.Actor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The work of an op40 job: the source tenant's members, page by page in member order, each page
 * copied into the target (the job's tenant) as a batch through op19's own code with its card's stored secret (the
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
    private final OpeningBalances openingBalances;
    private final PointsLots lots;
    private final MemberLevels levels;
    private final MemberTags tags;
    private final CardClasses classes;
    private final TransactionTemplate chunkTransaction;

    Migration(
            JdbcImportJobs jobs,
            Reasons reasons,
            MemberQueries sourceMembers,
            MemberManagement members,
            Cards cards,
            OpeningBalances openingBalances,
            PointsLots lots,
            MemberLevels levels,
            MemberTags tags,
            CardClasses classes,
            PlatformTransactionManager transactions) {
        this.jobs = jobs;
        this.reasons = reasons;
        this.sourceMembers = sourceMembers;
        this.members = members;
        this.cards = cards;
        this.openingBalances = openingBalances;
        this.lots = lots;
        this.levels = levels;
        this.tags = tags;
        this.classes = classes;
        this.chunkTransaction = new TransactionTemplate(transactions);
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

    /**
     * One page, one transaction: the members not copied before and whose card can travel go through
     * op19's code as a batch with their cards' stored secrets, each refused alone when the target
     * refuses it; the copied ones are mapped and their balances and point lots posted.
     */
    private void commit(Job job, List<MemberView> page, Catalog catalog, int done) {
        long target = job.tenantId();
        long source = job.sourceTenantId();
        chunkTransaction.executeWithoutResult(status -> {
            Set<Long> mapped = jobs.mapped(
                    target, source, page.stream().map(MemberView::id).toList());
            Map<Long, Cards.StoredSecret> secrets = cards.storedSecrets(
                    source,
                    page.stream()
                            .filter(member -> member.cardId() != null)
                            .map(MemberView::cardId)
                            .toList());
            int skipped = 0;
            int failed = 0;
            List<Problem> problems = new ArrayList<>();
            List<Integer> rows = new ArrayList<>();
            List<MemberView> copying = new ArrayList<>();
            List<MemberRequest> requests = new ArrayList<>();
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
                rows.add(row);
                copying.add(member);
                requests.add(request);
            }
            List<MemberManagement.Outcome> outcomes = members.createAll(
                    target,
                    job.shopId(),
                    requests,
                    copying.stream().map(member -> secrets.get(member.cardId())).toList());
            List<JdbcImportJobs.Mapping> mappings = new ArrayList<>();
            List<MemberView> copied = new ArrayList<>();
            List<Long> cardIds = new ArrayList<>();
            for (int k = 0; k < copying.size(); k++) {
                MemberView member = copying.get(k);
                MemberManagement.Created created = outcomes.get(k).created();
                if (created == null) {
                    Problem problem = reasons.problem(
                            rows.get(k), outcomes.get(k).refusal(), field -> field, field -> switch (field) {
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
                    continue;
                }
                mappings.add(new JdbcImportJobs.Mapping(member.id(), created.memberId()));
                copied.add(member);
                cardIds.add(created.cardId());
            }
            jobs.map(target, source, job.id(), mappings);
            openingBalances.post(target, openings(job, copied, cardIds));
            problems.sort(Comparator.comparingInt(Problem::row));
            jobs.addProblems(target, job.id(), problems);
            jobs.migrated(
                    target, job.id(), page.get(page.size() - 1).id(), page.size(), copied.size(), skipped, failed);
        });
    }

    /**
     * The copied members' balances as opening bills, their points with the source card's lots (what
     * is left of each, with its expiry) when those add up to its points, else as one lot without expiry.
     */
    private List<OpeningBalances.Opening> openings(Job job, List<MemberView> copied, List<Long> cardIds) {
        long source = job.sourceTenantId();
        Map<Long, List<PointsLots.Lot>> sourceLots = lots.leftOn(
                source,
                copied.stream()
                        .filter(member -> member.actualPoints() != null && member.actualPoints() > 0)
                        .map(MemberView::cardId)
                        .toList());
        // the platform administrator is no operator of the target: the bill names the shop, the
        // remark the source, and the MIGRATION security event who ran it
        Actor actor = new Actor(null, null, job.shopId(), null);
        List<OpeningBalances.Opening> openings = new ArrayList<>();
        for (int k = 0; k < copied.size(); k++) {
            MemberView member = copied.get(k);
            Money real = member.actualBalance() == null ? Money.ZERO : member.actualBalance();
            Money gift = member.giveBalance() == null ? Money.ZERO : member.giveBalance();
            long points = member.actualPoints() == null ? 0 : member.actualPoints();
            List<PointsLots.Lot> left = sourceLots.getOrDefault(member.cardId(), List.of());
            List<OpeningBalances.Points> arriving = points == 0
                    ? List.of()
                    : left.stream().mapToLong(PointsLots.Lot::remaining).sum() == points
                            ? left.stream()
                                    .map(lot -> new OpeningBalances.Points(lot.remaining(), lot.expiresAt()))
                                    .toList()
                            : List.of(new OpeningBalances.Points(points, null));
            openings.add(new OpeningBalances.Opening(
                    cardIds.get(k),
                    actor,
                    real,
                    gift,
                    points,
                    "op40 job " + job.id() + ": source tenant " + source + ", source member " + member.id(),
                    arriving));
        }
        return openings;
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
}
