package se.kth.aspen.core.state;

/** The embedded store on a tmpfs that fills up. */
class FileStateStoreFullDiskIT extends FileStateStoreOnTmpfs {

  FileStateStoreFullDiskIT() {
    super(256);
  }

  @Override
  protected void breakWrites() throws Exception {
    disk().fill();
  }

  @Override
  protected void repairWrites() throws Exception {
    disk().empty();
  }
}
