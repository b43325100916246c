/** The demo tenant, created through the other modules' services: no SQL of its own. */
@ModuleTables
package com.membercard.demo;

import com.membercard.shared.ModuleTables;
