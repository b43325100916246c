/**
 * What every module shares: money, the response envelope, business status codes, errors, paging,
 * the JSON date format, and the tenant-scoped table helper. An open module: its sub-packages are
 * part of its API.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package com.membercard.shared;

import org.springframework.modulith.ApplicationModule;
