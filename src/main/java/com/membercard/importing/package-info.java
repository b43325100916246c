/**
 * Bringing members in (issue 14): op38's file import (.csv in UTF-8 or GBK, .xlsx read as a stream)
 * and op40's migration between tenants, both as resumable jobs whose rows go through the member
 * module's op19 code and whose balances enter the ledger as opening-balance bills.
 */
@ModuleTables(owns = {"import_job", "import_job_error", "import_job_secret", "migration_map"})
package com.membercard.importing;

import com.membercard.shared.ModuleTables;
