/** The embedded PostgreSQL and its life cycle. It owns no table: the schema is Flyway's migrations. */
@ModuleTables
package com.membercard.database;

import com.membercard.shared.ModuleTables;
