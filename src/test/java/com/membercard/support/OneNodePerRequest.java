package com.membercard.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.membercard.tenancy.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In the sharded topology, holds every request of the integration tests to issue 16's rule: a
 * command of one tenant touches exactly one node. ShardingSphere logs each statement with the node
 * it went to ({@code sql-show}), and so does the sharded mode for the statements it sends to a
 * tenant's node past ShardingSphere; this filter collects the nodes of each request's statements (logged
 * in the request's thread) and notes a request whose statements reached two nodes or more. After
 * each test the notes must be empty. What is global by nature is left out: the tables on node 0 only
 * (usernames, the credential directory, tenant ids, the sandbox gateway's books, the placements), a
 * read of the broadcast {@code tenant} table, the platform's tenant commands (a new tenant's row
 * goes to every node) and whatever a platform administrator asks (a tenant's security log, read by
 * the platform's token from node 0). The filter runs inside Spring Security's, to know the caller:
 * a request's credential lookup (through the credential directory) is before it and not counted.
 */
public final class OneNodePerRequest extends OncePerRequestFilter implements AfterEachCallback {

    private static final Pattern ACTUAL_SQL =
            Pattern.compile("(?:Actual|Direct) SQL: (node_\\d+) ::: (.*)", Pattern.DOTALL);
    private static final Pattern GLOBAL = Pattern.compile(
            "\\b(operator_username|credential_directory|tenant_id_draw|sandbox_order|sandbox_refund|tenant_placement)\\b"
                    // a read of the broadcast tenant table alone: any node answers it
                    + "|^\\s*select (?!.*\\bjoin\\b).*\\bfrom tenant( t)? where\\b",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final String PLATFORM_TENANTS = "/api/v1/tenants";

    private static final ThreadLocal<Map<String, List<String>>> CURRENT = new ThreadLocal<>();
    private static final List<String> VIOLATIONS = new ArrayList<>();
    private static boolean listening;

    /** Starts collecting ShardingSphere's statements (once per JVM; their log lines go nowhere else). */
    static synchronized void listen() {
        if (listening) {
            return;
        }
        Logger sql = (Logger) LoggerFactory.getLogger("ShardingSphere-SQL");
        AppenderBase<ILoggingEvent> collector = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                Map<String, List<String>> nodes = CURRENT.get();
                Matcher actual = ACTUAL_SQL.matcher(event.getFormattedMessage());
                if (nodes != null
                        && actual.matches()
                        && !GLOBAL.matcher(actual.group(2)).find()) {
                    nodes.computeIfAbsent(actual.group(1), node -> new ArrayList<>())
                            .add(actual.group(2));
                }
            }
        };
        collector.setContext(sql.getLoggerContext());
        collector.start();
        sql.addAppender(collector);
        sql.setAdditive(false);
        // the statements of a request sent straight to its tenant's node, past ShardingSphere (ShownSql)
        Logger direct = (Logger) LoggerFactory.getLogger("membercard-direct-SQL");
        direct.addAppender(collector);
        direct.setAdditive(false);
        listening = true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, List<String>> nodes = new TreeMap<>();
        CURRENT.set(nodes);
        try {
            chain.doFilter(request, response);
        } finally {
            CURRENT.remove();
            if (nodes.size() > 1 && !platform(request)) {
                synchronized (VIOLATIONS) {
                    VIOLATIONS.add(request.getMethod() + " " + request.getRequestURI() + " → " + nodes);
                }
            }
        }
    }

    /** A platform administrator's request, or the platform's tenant commands: no tenant's command. */
    private static boolean platform(HttpServletRequest request) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return request.getRequestURI().startsWith(PLATFORM_TENANTS)
                || (caller != null && caller.getPrincipal() instanceof Caller who && who.tenant() == null);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> found;
        synchronized (VIOLATIONS) {
            found = List.copyOf(VIOLATIONS);
            VIOLATIONS.clear();
        }
        assertThat(found)
                .as("requests whose statements reached more than one node")
                .isEmpty();
    }
}
