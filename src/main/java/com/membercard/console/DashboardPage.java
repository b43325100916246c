package com.membercard.console;

import com.membercard.member.MemberQueries;
import com.membercard.tenancy.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's home: what the viewer may open, and the tenant's member count. */
@Controller
class DashboardPage {

    private final MemberQueries members;

    DashboardPage(MemberQueries members) {
        this.members = members;
    }

    @GetMapping("/console")
    String dashboard(@AuthenticationPrincipal Caller caller, Model model) {
        if (!caller.isPlatformAdmin()) {
            model.addAttribute("memberCount", members.count(caller.tenantId()));
        }
        return "console/dashboard";
    }
}
