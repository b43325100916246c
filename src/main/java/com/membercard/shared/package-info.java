/**
 * What every module shares: money, the response envelope, business status codes, errors, paging,
 * the JSON date format, the tenant-scoped table helper, and the serials of commands. An open module:
 * its sub-packages are part of its API.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@ModuleTables(owns = "serial_record")
package com.membercard.shared;

import org.springframework.modulith.ApplicationModule;
