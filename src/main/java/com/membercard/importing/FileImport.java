package com.membercard.importing;

import com.membercard.card.CardSendMode;
import com.membercard.catalog.MemberLevel;
import com.membercard.catalog.MemberLevels;
import com.membercard.catalog.MemberTag;
import com.membercard.catalog.MemberTags;
import com.membercard.importing.JdbcImportJobs.Job;
import com.membercard.importing.MemberFile.FileRow;
import com.membercard.importing.RowCheck.Candidate;
import com.membercard.member.MemberManagement;
import com.membercard.tenancy.Actor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The work of an op38 job. A first pass reads the whole file (counting its rows, and refusing it
 * before any row is imported when its encoding or a row of it is unusable); the second imports it
 * in chunks of {@link #CHUNK} rows, each chunk one transaction that also moves the job's
 * {@code last_row}, so a job stopped by a crash resumes after its last committed chunk. Within a
 * chunk the rows go through op19's code as a batch ({@code MemberManagement.createAll}): a row it
 * refuses is refused alone and reported, the others are imported.
 */
@Component
class FileImport {

    static final int CHUNK = 500;

    private final JdbcImportJobs jobs;
    private final ImportFolder folder;
    private final Reasons reasons;
    private final MemberManagement members;
    private final OpeningBalances openingBalances;
    private final MemberLevels levels;
    private final MemberTags tags;
    private final JsonMapper json;
    private final TransactionTemplate chunkTransaction;
    private final long maxBytes;

    FileImport(
            JdbcImportJobs jobs,
            ImportFolder folder,
            Reasons reasons,
            MemberManagement members,
            OpeningBalances openingBalances,
            MemberLevels levels,
            MemberTags tags,
            JsonMapper json,
            PlatformTransactionManager transactions,
            @Value("${membercard.import-max-file}") DataSize maxFile) {
        this.jobs = jobs;
        this.folder = folder;
        this.reasons = reasons;
        this.members = members;
        this.openingBalances = openingBalances;
        this.levels = levels;
        this.tags = tags;
        this.json = json;
        this.chunkTransaction = new TransactionTemplate(transactions);
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

    /**
     * One chunk, one transaction: the rows checked, then op19's own code creating the members of the
     * chunk in a batch (each row still refused alone), their cards' openings posted, the problems
     * and the job's progress recorded.
     */
    private void commit(Job job, List<FileRow> chunk, RowCheck check, Actor actor) {
        long tenantId = job.tenantId();
        chunkTransaction.executeWithoutResult(status -> {
            int read = 0;
            int imported = 0;
            int skipped = 0;
            int failed = 0;
            List<Problem> problems = new ArrayList<>();
            List<Candidate> candidates = new ArrayList<>();
            for (FileRow row : chunk) {
                if (row.blank()) {
                    continue;
                }
                read++;
                RowCheck.Outcome outcome = check.check(row);
                if (outcome.candidate() == null) {
                    failed++;
                    problems.addAll(outcome.problems());
                } else {
                    candidates.add(outcome.candidate());
                }
            }
            List<MemberManagement.Outcome> outcomes = members.createAll(
                    tenantId,
                    job.shopId(),
                    candidates.stream().map(Candidate::request).toList(),
                    null);
            List<OpeningBalances.Opening> openings = new ArrayList<>();
            List<JdbcImportJobs.SealedSecret> secrets = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                Candidate candidate = candidates.get(i);
                MemberManagement.Created created = outcomes.get(i).created();
                if (created == null) {
                    Problem problem = reasons.problem(
                            candidate.row(),
                            outcomes.get(i).refusal(),
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
                    continue;
                }
                imported++;
                if (created.generatedCardMac() != null) {
                    secrets.add(new JdbcImportJobs.SealedSecret(
                            candidate.row(),
                            candidate.request().cardCode(),
                            SecretSeal.seal(job.secretsKey(), created.generatedCardMac())));
                }
                openings.add(new OpeningBalances.Opening(
                        created.cardId(),
                        actor,
                        candidate.real(),
                        candidate.gift(),
                        candidate.points(),
                        "import #" + job.id() + " row " + candidate.row(),
                        // imported points keep no expiry of the old system: they live until spent
                        candidate.points() > 0
                                ? List.of(new OpeningBalances.Points(candidate.points(), null))
                                : List.of()));
            }
            openingBalances.post(tenantId, openings);
            jobs.addSecrets(tenantId, job.id(), secrets);
            problems.sort(Comparator.comparingInt(Problem::row));
            jobs.addProblems(tenantId, job.id(), problems);
            jobs.advanced(tenantId, job.id(), chunk.get(chunk.size() - 1).number(), read, imported, skipped, failed);
        });
    }
}
