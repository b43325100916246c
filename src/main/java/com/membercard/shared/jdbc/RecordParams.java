package com.membercard.shared.jdbc;

import java.lang.reflect.RecordComponent;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** Named SQL parameters from a record's components, so {@code :pointsBasic} reads {@code pointsBasic()}. */
public final class RecordParams {

    private RecordParams() {}

    public static MapSqlParameterSource of(Record record) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                var accessor = component.getAccessor();
                accessor.setAccessible(true); // request records are package-private in their modules
                params.addValue(component.getName(), accessor.invoke(record));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + component.getName(), e);
            }
        }
        return params;
    }
}
