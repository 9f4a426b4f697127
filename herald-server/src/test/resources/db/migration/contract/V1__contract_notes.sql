-- A feature's own table, for StorageContract's test of Database.migrate(feature).
create table contract_notes (
  id varchar(36) primary key,
  body varchar(200) not null
);
