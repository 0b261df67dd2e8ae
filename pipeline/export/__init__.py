"""Writers: records (jsonl/csv/md of passages), xlsx, docx, md, html. All writes are atomic."""
