alter table contract_notes add column author varchar(36);
