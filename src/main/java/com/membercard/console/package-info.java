/**
 * The admin console (管理后台): server-rendered pages (Thymeleaf, htmx, Pico CSS from webjars) for
 * shop managers, cashiers and auditors, at {@code /console}. A page is a view of the other modules'
 * published services, the very ones the API's controllers call: no SQL and no rule of its own. Its
 * security chain and access rules are the tenancy module's ({@code ConsoleSecurityConfig}, {@code
 * AccessRules.console}).
 */
@ModuleTables
package com.membercard.console;

import com.membercard.shared.ModuleTables;
