package se.kth.aspen.core.state;

/** The embedded store on a file system remounted read-only (a chmod would not stop root). */
class FileStateStoreReadOnlyIT extends FileStateStoreOnTmpfs {

  FileStateStoreReadOnlyIT() {
    super(1024);
  }

  @Override
  protected void breakWrites() throws Exception {
    disk().readOnly();
  }

  @Override
  protected void repairWrites() throws Exception {
    disk().writable();
  }
}
