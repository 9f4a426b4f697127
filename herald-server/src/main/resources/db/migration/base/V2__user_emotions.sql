-- Each user's current emotion (state.EmotionRepository, seed 004).
create table user_emotions (
  user_id varchar(64) primary key references users (id) on delete cascade,
  emotion varchar(32) not null,
  updated_at timestamp with time zone not null
);
