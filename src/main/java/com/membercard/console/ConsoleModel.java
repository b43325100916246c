package com.membercard.console;

import com.membercard.tenancy.Caller;
import com.membercard.tenancy.Role;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page knows of its viewer, to show only the menus the access rules let them
 * open. Hiding a menu is a courtesy: {@code AccessRules.console} is what refuses.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    /** The viewer's role as menus need it; null before sign-in. */
    record Viewer(String name, Role role) {
        public boolean till() {
            return role == Role.TENANT_ADMIN || role == Role.CASHIER;
        }

        public boolean tenantPages() {
            return role != Role.PLATFORM_ADMIN;
        }

        public boolean managerPages() {
            return role == Role.TENANT_ADMIN || role == Role.AUDITOR;
        }

        public boolean manager() {
            return role == Role.TENANT_ADMIN;
        }

        public boolean platform() {
            return role == Role.PLATFORM_ADMIN;
        }
    }

    @ModelAttribute("viewer")
    Viewer viewer() {
        return Caller.current()
                .map(caller -> new Viewer(caller.name(), caller.role()))
                .orElse(null);
    }
}
