package com.membercard.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the zero-setup database.
 *
 * @param dataDir where the service keeps its files ({@code MEMBERCARD_DATA_DIR}); PostgreSQL's
 *     data directory is {@code <dataDir>/postgres}
 * @param databasePort the port PostgreSQL listens on (loopback only); 0 picks a free one at each start
 * @param databaseFsync whether PostgreSQL flushes to disk on commit. On in production: an answered
 *     command survives a power cut. Tests turn it off for speed; a killed process loses nothing
 *     either way, since committed data is already in the operating system's cache.
 * @param databaseSharedBuffers PostgreSQL's own cache ({@code MEMBERCARD_DATABASE_SHARED_BUFFERS})
 */
@ConfigurationProperties("membercard")
record EmbeddedDatabaseProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("0") int databasePort,
        @DefaultValue("true") boolean databaseFsync,
        @DefaultValue("512MB") String databaseSharedBuffers) {}
