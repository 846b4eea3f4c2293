/**
 * Parquet export of session archives ({@link io.omvcap.parquet.ParquetExport}): one hive-partitioned
 * dataset per output folder ({@code OUT/<table>/session=<id>/part-NNNNN.parquet}) with the tables
 * of docs/parquet-schema.md, written with parquet-java and no Hadoop at run time.
 */
package io.omvcap.parquet;
