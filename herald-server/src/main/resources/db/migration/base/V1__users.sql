-- Users (auth.UserRepository). Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.
create table users (
  id varchar(64) primary key,
  email varchar(320) not null,
  password_hash varchar(255) null,
  -- comma-separated, sorted: 'admin,user'
  roles varchar(255) not null,
  token_version integer not null default 0,
  disabled boolean not null default false,
  created_at timestamp with time zone not null,
  updated_at timestamp with time zone not null,
  constraint users_email_unique unique (email)
);
