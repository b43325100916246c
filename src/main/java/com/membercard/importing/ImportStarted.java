package com.membercard.importing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * op38's answer ({@code data}): the job's id, the unknown columns the file has (ignored), and the
 * private key that opens the card secrets the server will draw for rows without one (shown here
 * once, kept nowhere).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImportStarted(long jobId, List<String> warnings, String secretsKey) {}
