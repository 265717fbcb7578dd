"""One partition per report file, keyed by its path under the raw folder."""

import dagster as dg

report_files_partitions = dg.DynamicPartitionsDefinition(name="report_files")
