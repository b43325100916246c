package com.membercard.shared.jdbc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an API handler (a method, or every method of a controller) whose statements reach beyond its
 * tenant's rows: the global directories on node 0 (usernames, the credential directory) or rows keyed
 * by an operator's id alone. In the sharded mode a tenant's request otherwise runs straight on its
 * tenant's node, past ShardingSphere (README "Sharded mode"); a request so marked goes through
 * ShardingSphere, which routes each statement by its table. The single-node mode ignores it.
 *
 * <p>Forgetting it cannot corrupt node 0's tables: the service's role may not touch them on any other
 * node, so a statement sent to the wrong node fails. {@code sign_in_failure}, which every node holds
 * for the operators whose ids it issued, has no such net.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SpansNodes {}
