package io.omvcap.parquet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DuckDB (JDBC, in-memory): the independent reader the export tests check every file with. */
public final class Duck implements AutoCloseable {
    private final Connection conn;

    /** An in-memory database. */
    public Duck() throws SQLException {
        conn = DriverManager.getConnection("jdbc:duckdb:");
    }

    /** The {@code read_parquet(...)} expression over every part of {@code table} in {@code out}. */
    public static String table(Path out, String table) {
        return "read_parquet('" + out.resolve(table) + "/*/*.parquet', hive_partitioning=true, union_by_name=true)";
    }

    /** Rows of {@code sql}, each column by name (BLOBs as byte arrays). */
    public List<Map<String, Object>> rows(String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof java.sql.Blob b) {
                        v = b.getBytes(1, (int) b.length());
                    }
                    row.put(md.getColumnLabel(i), v);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The single value of {@code sql}. */
    public Object value(String sql) throws SQLException {
        List<Map<String, Object>> rows = rows(sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new AssertionError("expected one value from " + sql + ", got " + rows);
        }
        return rows.get(0).values().iterator().next();
    }

    /** A count. */
    public long count(String sql) throws SQLException {
        return ((Number) value(sql)).longValue();
    }

    /** Column name → DuckDB type of a {@code read_parquet} source. */
    public Map<String, String> types(String source) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        for (Map<String, Object> r : rows("DESCRIBE SELECT * FROM " + source)) {
            types.put(String.valueOf(r.get("column_name")), String.valueOf(r.get("column_type")));
        }
        return types;
    }

    @Override
    public void close() throws SQLException {
        conn.close();
    }
}
