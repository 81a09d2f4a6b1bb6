import { type DynamicModule, Module } from '@nestjs/common';
import { CognitoModule, type CognitoModuleOptions } from 'nest-cognito';
import { HealthController } from './health.controller.js';

@Module({})
export class AppModule {
  static forRoot(cognito: CognitoModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CognitoModule.forRoot({ ...cognito, isGlobal: true, controller: true, adminController: true }),
      ],
      controllers: [HealthController],
    };
  }
}
