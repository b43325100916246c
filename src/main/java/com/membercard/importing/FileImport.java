package com.membercard.importing;

import com.membercard.card.CardSendMode;
import com.membercard.card.Cards;
import com.membercard.card.LockedCard;
import com.membercard.catalog.MemberLevel;
import com.membercard.catalog.MemberLevels;
import com.membercard.catalog.MemberTag;
import com.membercard.catalog.MemberTags;
import com.membercard.importing.JdbcImportJobs.Job;
import com.membercard.importing.MemberFile.FileRow;
import com.membercard.importing.RowCheck.Candidate;
import com.membercard.ledger.Bill;
import com.membercard.ledger.BillKind;
import com.membercard.ledger.Entry;
import com.membercard.ledger.Ledger;
import com.membercard.ledger.PointsLots;
import com.membercard.ledger.PostedBill;
import com.membercard.member.MemberManagement;
import com.membercard.shared.BusinessException;
import com.membercard.tenancy.Actor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The work of an op38 job. A first pass reads the whole file (counting its rows, and refusing it
 * before any row is imported when its encoding or a row of it is unusable); the second imports it
 * in chunks of {@link #CHUNK} rows, each chunk one transaction that also moves the job's
 * {@code last_row}, so a job stopped by a crash resumes after its last committed chunk. Within a
 * chunk each row is a savepoint: a row op19's code refuses is rolled back alone and reported.
 */
@Component
class FileImport {

    static final int CHUNK = 500;

    private final JdbcImportJobs jobs;
    private final ImportFolder folder;
    private final Reasons reasons;
    private final MemberManagement members;
    private final Cards cards;
    private final Ledger ledger;
    private final PointsLots lots;
    private final MemberLevels levels;
    private final MemberTags tags;
    private final Clock clock;
    private final JsonMapper json;
    private final TransactionTemplate chunkTransaction;
    private final TransactionTemplate rowSavepoint;
    private final long maxBytes;

    FileImport(
            JdbcImportJobs jobs,
            ImportFolder folder,
            Reasons reasons,
            MemberManagement members,
            Cards cards,
            Ledger ledger,
            PointsLots lots,
            MemberLevels levels,
            MemberTags tags,
            Clock clock,
            JsonMapper json,
            PlatformTransactionManager transactions,
            @Value("${membercard.import-max-file}") DataSize maxFile) {
        this.jobs = jobs;
        this.folder = folder;
        this.reasons = reasons;
        this.members = members;
        this.cards = cards;
        this.ledger = ledger;
        this.lots = lots;
        this.levels = levels;
        this.tags = tags;
        this.clock = clock;
        this.json = json;
        this.chunkTransaction = new TransactionTemplate(transactions);
        this.rowSavepoint = new TransactionTemplate(transactions);
        this.rowSavepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.maxBytes = maxFile.toBytes();
    }

    long maxBytes() {
        return maxBytes;
    }

    /**
     * What op38 checks before answering: the file opens as a member file, its header names the
     * columns, and at least one data row follows; the unknown headers are answered as warnings.
     */
    List<String> precheck(Path path) {
        try (MemberFile file = MemberFile.open(path, maxBytes)) {
            Header header = Header.of(file.next());
            FileRow row;
            do {
                row = file.next();
            } while (row != null && row.blank());
            if (row == null) {
                throw MemberFile.refused("error.import.noRows");
            }
            return header.unknown();
        } catch (IOException e) {
            throw MemberFile.refused("error.import.content");
        }
    }

    void run(Job job) throws IOException {
        Path path = folder.inside(job.tenantId(), Path.of(job.filePath()));
        if ("QUEUED".equals(job.status())) {
            int total = 0;
            List<String> unknown;
            try (MemberFile file = MemberFile.open(path, maxBytes)) {
                unknown = Header.of(file.next()).unknown();
                for (FileRow row = file.next(); row != null; row = file.next()) {
                    if (!row.blank()) {
                        total++;
                    }
                }
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("unknownColumns", unknown);
            jobs.started(job.tenantId(), job.id(), total, json.writeValueAsString(report));
        }
        try (MemberFile file = MemberFile.open(path, maxBytes)) {
            Header header = Header.of(file.next());
            RowCheck check = new RowCheck(header, context(job), reasons);
            // the administrator who started the job, signed in (an API key has no operator)
            Actor actor = new Actor(job.operatorId(), job.apiKeyId(), job.shopId(), job.operatorId());
            List<FileRow> chunk = new ArrayList<>(CHUNK);
            for (FileRow row = file.next(); row != null; row = file.next()) {
                if (row.number() <= job.lastRow()) {
                    continue;
                }
                chunk.add(row);
                if (chunk.size() == CHUNK) {
                    commit(job, chunk, check, actor);
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                commit(job, chunk, check, actor);
            }
        }
        jobs.finished(job.tenantId(), job.id());
    }

    private RowCheck.Context context(Job job) {
        Map<String, Long> levelsByName = new HashMap<>();
        for (MemberLevel level : levels.list(job.tenantId())) {
            levelsByName.putIfAbsent(level.name(), level.id());
        }
        Map<String, Long> tagsByName = new HashMap<>();
        for (MemberTag tag : tags.list(job.tenantId())) {
            tagsByName.putIfAbsent(tag.name(), tag.id());
        }
        return new RowCheck.Context(
                job.cardClassId(),
                job.memberLevelId(),
                job.shopId(),
                levelsByName,
                tagsByName,
                CardSendMode.IMPORTED.code());
    }

    private void commit(Job job, List<FileRow> chunk, RowCheck check, Actor actor) {
        chunkTransaction.executeWithoutResult(status -> {
            int read = 0;
            int imported = 0;
            int skipped = 0;
            int failed = 0;
            List<Problem> problems = new ArrayList<>();
            for (FileRow row : chunk) {
                if (row.blank()) {
                    continue;
                }
                read++;
                RowCheck.Outcome outcome = check.check(row);
                if (outcome.candidate() == null) {
                    failed++;
                    problems.addAll(outcome.problems());
                    continue;
                }
                Candidate candidate = outcome.candidate();
                try {
                    rowSavepoint.executeWithoutResult(row1 -> importRow(job, candidate, actor));
                    imported++;
                } catch (BusinessException e) {
                    Problem problem = reasons.problem(
                            candidate.row(),
                            e,
                            RowCheck::columnOfField,
                            field -> Column.feeding(field)
                                    .map(candidate.values()::get)
                                    .orElse(null));
                    problems.add(problem);
                    if (problem.duplicate()) {
                        skipped++;
                    } else {
                        failed++;
                    }
                }
            }
            jobs.addProblems(job.tenantId(), job.id(), problems);
            jobs.advanced(
                    job.tenantId(), job.id(), chunk.get(chunk.size() - 1).number(), read, imported, skipped, failed);
        });
    }

    /** op19's own code opens the member and card; what the card held arrives as an opening bill. */
    private void importRow(Job job, Candidate candidate, Actor actor) {
        long tenantId = job.tenantId();
        MemberManagement.Created created = members.create(tenantId, job.shopId(), candidate.request());
        String cardCode = candidate.request().cardCode();
        if (created.generatedCardMac() != null) {
            jobs.addSecret(
                    tenantId,
                    job.id(),
                    new JdbcImportJobs.SealedSecret(
                            candidate.row(), cardCode, SecretSeal.seal(job.secretsKey(), created.generatedCardMac())));
        }
        if (candidate.real().isZero() && candidate.gift().isZero() && candidate.points() == 0) {
            return;
        }
        long cardId = cards.byCode(tenantId, cardCode).orElseThrow().id();
        LockedCard card = cards.lock(tenantId, cardId);
        PostedBill bill = ledger.post(
                tenantId,
                Bill.of(
                        BillKind.OPENING_BALANCE,
                        cardId,
                        actor,
                        candidate.real().plus(candidate.gift()),
                        "import #" + job.id() + " row " + candidate.row(),
                        List.of(Entry.openingBalance(cardId, candidate.real(), candidate.gift(), candidate.points()))),
                card);
        if (candidate.points() > 0) {
            // imported points keep no expiry of the old system: they live until spent
            lots.create(tenantId, cardId, bill.id(), candidate.points(), null, OffsetDateTime.now(clock));
        }
    }
}
