/** Tenants, shops, operators, API keys, sign-in, the access rules, the caller of a request. */
@ModuleTables(
        owns = {
            "tenant",
            "tenant_id_draw",
            "shop",
            "operator",
            "api_key",
            "login_token",
            "credential_directory",
            "sign_in_failure",
            "operator_username"
        })
package com.membercard.tenancy;

import com.membercard.shared.ModuleTables;
