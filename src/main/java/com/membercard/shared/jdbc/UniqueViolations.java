package com.membercard.shared.jdbc;

import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Which unique constraint a refused insert or update clashed with, as PostgreSQL reports it in the
 * error's own field (never read out of the message text, which is translated and may change).
 */
public final class UniqueViolations {

    private UniqueViolations() {}

    public static Optional<String> constraint(DuplicateKeyException e) {
        return e.getMostSpecificCause() instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? Optional.ofNullable(psql.getServerErrorMessage().getConstraint())
                : Optional.empty();
    }
}
